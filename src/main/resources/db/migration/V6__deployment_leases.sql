-- A deployment is a durable intent with an owner. The replica running it holds a lease, renewed while it waits on
-- Lambda; a replica may take over only a deployment whose lease ran out, and raises its epoch when it does. Every
-- write that finishes a deployment names the owner and epoch it expects, so a replica that lost its lease can
-- never record over the new owner. Lease times come from the database's clock.
ALTER TABLE deployment ADD COLUMN owner VARCHAR(64);
ALTER TABLE deployment ADD COLUMN epoch INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE deployment ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX deployment_status_lease ON deployment (status, lease_until);

-- Settling from what Lambda says adds two outcomes: a function left on another image than either the old or the
-- new one (a change outside promobot overtook the deployment), and an environment whose functions were left split
-- between the two.
ALTER TABLE deployment DROP CONSTRAINT deployment_status;
ALTER TABLE deployment ADD CONSTRAINT deployment_status
    CHECK (status IN ('in_progress', 'succeeded', 'failed', 'restored', 'overtaken', 'split'));
