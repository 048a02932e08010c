-- Issue 22: rollouts in waves (docs/architecture.md, "How waves live in the ledger").

-- A campaign of a rollout is planned as one ledger row per wave (and per part of a wave split above the device
-- limit): wave_no 1 is the first wave (the pilot), wave_count the campaign's number of waves. NULL outside a
-- rollout. The first wave is PLANNED; the later ones are HELD (never read by the submit step) until a gate releases
-- them (HELD -> PLANNED, released_at stamped, start_date moved to the day of release), or they end HALTED (the gate
-- failed, or an operator halted the rollout) or EXPIRED (their end date passed before release).
ALTER TABLE campaign ADD COLUMN wave_no INT;
ALTER TABLE campaign ADD COLUMN wave_count INT;
ALTER TABLE campaign ADD COLUMN released_at TIMESTAMP;

-- The rollout policy a job instance was planned with (pilot, cumulative percentages, gate), written in the group
-- step's transaction with the waves: the gate of every later release is read here, never from a later command line.
CREATE TABLE campaign_rollout (
	job_instance_id BIGINT PRIMARY KEY,
	policy VARCHAR(200) NOT NULL,
	dry_run BOOLEAN NOT NULL,
	planned_at TIMESTAMP NOT NULL
);
