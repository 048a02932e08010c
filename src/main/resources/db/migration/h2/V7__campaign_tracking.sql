-- Issue 14: the life of a campaign after the POST (helper lifecycle).

-- Where each device of a scheduled campaign stands at ThingSpace, as `track` last read it. Keyed by the ledger's
-- campaign id and the IMEI, so it does not depend on how device rows are staged: the report joins it by
-- (job_instance_id, campaign id, imei). status_at is when this status was first seen.
CREATE TABLE device_vendor_status (
	job_instance_id BIGINT NOT NULL,
	campaign_id BIGINT NOT NULL,
	imei VARCHAR(100) NOT NULL,
	device_status VARCHAR(100) NOT NULL,
	result_reason VARCHAR(1000),
	status_at TIMESTAMP NOT NULL,
	CONSTRAINT device_vendor_status_pk PRIMARY KEY (job_instance_id, campaign_id, imei)
);

-- One row per scheduled campaign that was tracked or cancelled: when it was last read, whether its final state has
-- been read (then it is no longer polled), and the cancel request (written before the DELETE, its outcome after).
-- The vendor status itself is kept in campaign.vendor_status.
CREATE TABLE campaign_tracking (
	campaign_id BIGINT PRIMARY KEY,
	job_instance_id BIGINT NOT NULL,
	polled_at TIMESTAMP,
	finished BOOLEAN DEFAULT FALSE NOT NULL,
	cancel_requested_at TIMESTAMP,
	cancel_outcome VARCHAR(1000)
);
CREATE INDEX campaign_tracking_job ON campaign_tracking (job_instance_id);
