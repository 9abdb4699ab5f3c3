-- Updates are taken in order per chat: only the oldest unprocessed update of a chat may be claimed. chat_id is
-- read from the payload when the update is stored (NULL for updates without a chat, which wait for nothing).
ALTER TABLE inbox ADD COLUMN chat_id BIGINT;
-- Processing attempts that failed (a database hiccup, an error): retried, and given up after a few.
ALTER TABLE inbox ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
CREATE INDEX inbox_chat_order ON inbox (chat_id, processed_at, update_id);

-- Messages go out in order per chat, and pacing is read from what was sent; the sender looks up by chat.
CREATE INDEX outbox_chat_order ON outbox (chat_id, sent_at, id);
CREATE INDEX outbox_edits ON outbox (edit_of_outbox_id);

-- Retention deletes handled traffic by age.
CREATE INDEX inbox_processed_at ON inbox (processed_at);
CREATE INDEX job_claim_claimed_at ON job_claim (claimed_at);
