-- One word per thing (docs/glossary.md): an approval request covers promotion and rollback requests, every
-- environment column is called environment, Telegram user ids end in _user_id, and a deployment made outside
-- promobot is of kind 'outside'. The data is kept; the same statements run on H2 and PostgreSQL.

ALTER TABLE promotion_request RENAME TO approval_request;
ALTER TABLE approval_request RENAME COLUMN target_environment TO environment;
ALTER TABLE approval_request RENAME COLUMN requester_id TO requester_user_id;
ALTER TABLE approval_request RENAME COLUMN closed_by TO closed_by_user_id;
ALTER TABLE approval_request RENAME CONSTRAINT promotion_request_status TO approval_request_status;
ALTER INDEX promotion_request_open RENAME TO approval_request_open;

ALTER TABLE approval RENAME COLUMN approver_id TO approver_user_id;

ALTER TABLE env_lock RENAME TO environment_lock;
ALTER TABLE environment_lock RENAME COLUMN locked_by TO locked_by_user_id;

ALTER TABLE deployment RENAME COLUMN actor_id TO actor_user_id;
ALTER TABLE deployment DROP CONSTRAINT deployment_kind;
UPDATE deployment SET kind = 'promotion' WHERE kind = 'promote';
UPDATE deployment SET kind = 'outside' WHERE kind = 'observed';
ALTER TABLE deployment ADD CONSTRAINT deployment_kind CHECK (kind IN ('promotion', 'rollback', 'outside'));

UPDATE approval_request SET kind = 'promotion' WHERE kind = 'promote';
ALTER TABLE approval_request ALTER COLUMN kind SET DEFAULT 'promotion';
ALTER TABLE approval_request ADD CONSTRAINT approval_request_kind CHECK (kind IN ('promotion', 'rollback'));

-- The audit trail said "observed" for an outside deployment and "drift" for the watch that noticed it.
UPDATE audit_event SET outcome = 'outside' WHERE outcome = 'observed';
UPDATE audit_event SET command = 'outside-deployment-watch', text = 'outside-deployment watch' WHERE command = 'drift';
