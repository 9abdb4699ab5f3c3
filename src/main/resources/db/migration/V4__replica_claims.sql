-- Several replicas share one database. A replica claims an inbox row or an outbox message for a while before it
-- works on it, so each is handled by one replica; a claim whose lease ran out (its replica died) can be taken over.
ALTER TABLE inbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE inbox ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE outbox ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;

-- A scheduled job's run, claimed by the first replica for its time slot: each job runs once per slot.
CREATE TABLE job_claim (
    job         VARCHAR(64) NOT NULL,
    slot        VARCHAR(32) NOT NULL,
    claimed_by  VARCHAR(64) NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT job_claim_once PRIMARY KEY (job, slot)
);
