-- Outsiders cannot stall the team. When there is a backlog, the team goes first: 0 for the team's chats and its
-- channel, 1 for private chats of people with a role, 2 for everyone else. Set when a row is stored, from the
-- configuration; one chat's rows always share a priority, so each chat stays in order.
ALTER TABLE inbox ADD COLUMN priority SMALLINT DEFAULT 0 NOT NULL;
ALTER TABLE outbox ADD COLUMN priority SMALLINT DEFAULT 0 NOT NULL;
-- Claims read the inbox in this order (processed_at first: every candidate has none), so a claim reads a few rows
-- however deep the backlog. It replaces the two narrower indexes, which the planner would otherwise pick and then
-- read every pending row per claim; it serves retention as they did.
CREATE INDEX inbox_pending ON inbox (processed_at, priority, update_id);
DROP INDEX inbox_unprocessed;
DROP INDEX inbox_processed_at;

-- When promobot last answered an outsider (a person with no role, or anyone in a chat that is not configured):
-- at most one answer a minute each, then silence. user_id is 0 for a chat that is not configured, which gets
-- one answer a minute whoever writes in it.
CREATE TABLE outside_answer (
    chat_id     BIGINT NOT NULL,
    user_id     BIGINT NOT NULL,
    answered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

-- Messages from outsiders that promobot left unanswered, counted per chat, person and hour instead of one audit
-- row each, so a flood cannot bury the audit trail.
CREATE TABLE outside_message (
    chat_id    BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    hour_start TIMESTAMP WITH TIME ZONE NOT NULL,
    user_name  VARCHAR(256),
    messages   INTEGER NOT NULL,
    last_text  VARCHAR(4096),
    last_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (chat_id, user_id, hour_start)
);
CREATE INDEX outside_message_last_at ON outside_message (last_at);
