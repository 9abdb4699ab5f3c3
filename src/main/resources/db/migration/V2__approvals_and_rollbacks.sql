-- Approval requests carry their kind and their chat message; deployments remember the message that reports them,
-- so a deployment interrupted by a crash can be reported where it started.
ALTER TABLE promotion_request ADD COLUMN kind VARCHAR(16) DEFAULT 'promote' NOT NULL;
ALTER TABLE promotion_request ADD COLUMN approvals_needed INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE promotion_request ADD COLUMN replaces_digest VARCHAR(71);
ALTER TABLE promotion_request ADD COLUMN replaces_tag VARCHAR(256);
ALTER TABLE promotion_request ADD COLUMN outbox_id BIGINT;
ALTER TABLE promotion_request ADD COLUMN release_check VARCHAR(1024);
ALTER TABLE deployment ADD COLUMN chat_id BIGINT;
ALTER TABLE deployment ADD COLUMN outbox_id BIGINT;
