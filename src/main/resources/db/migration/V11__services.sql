-- Several services in one promobot: every row about a deployment, a request, a lock, a release tag, a freeze, an
-- audit event or a lifecycle audit names the service it belongs to. Rows written before there were several belong
-- to the single service: ${service} is promobot.service-name, by default the ECR repository's name
-- (quarkus.flyway.placeholders.service in application.properties).

ALTER TABLE deployment ADD COLUMN service VARCHAR(256) DEFAULT '${service}' NOT NULL;
ALTER TABLE deployment ALTER COLUMN service DROP DEFAULT;
-- One deployment in flight per service and environment: the old column's unique key covered the environment alone.
ALTER TABLE deployment RENAME COLUMN in_flight_environment TO in_flight_before_services;
ALTER TABLE deployment ADD COLUMN in_flight_environment VARCHAR(64);
UPDATE deployment SET in_flight_environment = in_flight_before_services;
ALTER TABLE deployment DROP COLUMN in_flight_before_services;
ALTER TABLE deployment ADD CONSTRAINT deployment_one_in_flight UNIQUE (service, in_flight_environment);
DROP INDEX deployment_environment_started;
CREATE INDEX deployment_service_environment_started ON deployment (service, environment, started_at);

ALTER TABLE approval_request ADD COLUMN service VARCHAR(256) DEFAULT '${service}' NOT NULL;
ALTER TABLE approval_request ALTER COLUMN service DROP DEFAULT;

-- One release tag names one digest forever, within its service: two repositories may both have a v1.2.0.
CREATE TABLE service_release_tag (
    service        VARCHAR(256) NOT NULL,
    tag            VARCHAR(64) NOT NULL,
    digest         VARCHAR(71) NOT NULL,
    first_used_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    request_id     BIGINT,
    CONSTRAINT release_tag_names_one_digest PRIMARY KEY (service, tag)
);
INSERT INTO service_release_tag (service, tag, digest, first_used_at, request_id)
    SELECT '${service}', tag, digest, first_used_at, request_id FROM release_tag;
DROP TABLE release_tag;
ALTER TABLE service_release_tag RENAME TO release_tag;

CREATE TABLE service_environment_lock (
    service         VARCHAR(256) NOT NULL,
    environment     VARCHAR(64) NOT NULL,
    locked_by_user_id BIGINT NOT NULL,
    locked_by_name  VARCHAR(256),
    locked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reason          VARCHAR(1024),
    CONSTRAINT one_lock_per_environment PRIMARY KEY (service, environment)
);
INSERT INTO service_environment_lock (service, environment, locked_by_user_id, locked_by_name, locked_at, reason)
    SELECT '${service}', environment, locked_by_user_id, locked_by_name, locked_at, reason FROM environment_lock;
DROP TABLE environment_lock;
ALTER TABLE service_environment_lock RENAME TO environment_lock;

-- A freeze holds for one service or, with service NULL, for all of them. At most one is in force per scope:
-- in_force names it (the service, or '*' for all) while it holds and is NULL once lifted.
ALTER TABLE promotion_freeze ADD COLUMN service VARCHAR(256);
ALTER TABLE promotion_freeze ADD COLUMN in_force VARCHAR(256);
UPDATE promotion_freeze SET in_force = '*' WHERE active = 1;
ALTER TABLE promotion_freeze DROP CONSTRAINT one_freeze_in_force;
ALTER TABLE promotion_freeze DROP CONSTRAINT freeze_active;
ALTER TABLE promotion_freeze DROP COLUMN active;
ALTER TABLE promotion_freeze ADD CONSTRAINT one_freeze_in_force UNIQUE (in_force);

-- NULL for events about no service (/whoami, a refused stranger).
ALTER TABLE audit_event ADD COLUMN service VARCHAR(256);
UPDATE audit_event SET service = '${service}' WHERE environment IS NOT NULL;

ALTER TABLE lifecycle_audit_run ADD COLUMN service VARCHAR(256) DEFAULT '${service}' NOT NULL;
ALTER TABLE lifecycle_audit_run ALTER COLUMN service DROP DEFAULT;

-- The outside-deployment watch claims each change under a key naming the service and environment.
ALTER TABLE job_claim ALTER COLUMN job SET DATA TYPE VARCHAR(512);
