-- Staging moves out of the job database (issue 13, docs/architecture.md "Staging"): each job instance's devices
-- are staged in a DuckDB file of its own under campaign.staging.directory. This table names the file of each
-- instance; an instance without a row here was staged in device_entry by an earlier version, which stays
-- readable for the reports of old executions.
CREATE TABLE staging_file (
	job_instance_id BIGINT PRIMARY KEY,
	file_name VARCHAR(255) NOT NULL,
	format INT NOT NULL,
	staged_at TIMESTAMP NOT NULL
);

-- The ledger carries each campaign part's devices (IMEIs in input order, comma-separated), written by the group
-- step, so that submission needs nothing but the job database: a restart on another host sends the same devices.
-- NULL for campaigns planned by an earlier version, whose devices are in device_entry.
ALTER TABLE campaign ADD COLUMN imeis CLOB;
