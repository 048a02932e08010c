-- Issue 21: the job database's device_entry table goes. Development versions before the per-job staging files
-- (V6) staged each device there; no release did. What becomes of an execution they staged:
--  * every campaign they planned keeps its devices: the list is copied into the ledger (campaign.imeis), where
--    every later campaign has it, so the pre-flight check still sees the devices its active campaigns hold;
--  * its execution cannot go on (each step after the load reads a staging file it does not have): its latest
--    execution, unless completed with every campaign settled, becomes ABANDONED with a message that says so, and
--    restart and schedule leave it alone;
--  * its campaigns never sent (PLANNED, HELD) become REJECTED, code STAGED_BY_DEVELOPMENT_VERSION: nothing of
--    it is sent any more, and nothing is claimed about a campaign that was sent. Campaigns in doubt (SUBMITTING,
--    UNKNOWN) stay in doubt: ThingSpace may have them;
--  * its per-device report cannot be written again (its device rows are gone); the campaigns stay in the ledger.
CREATE TABLE v12_development_staged AS
SELECT job_instance_id FROM device_entry WHERE job_instance_id NOT IN (SELECT job_instance_id FROM staging_file)
UNION
SELECT job_instance_id FROM campaign WHERE imeis IS NULL;

UPDATE campaign SET imeis = (
		SELECT string_agg(e.imei, ',' ORDER BY e.row_no, e.seq_in_row) FROM device_entry e
		WHERE e.job_instance_id = campaign.job_instance_id AND e.campaign_key = campaign.campaign_key
			AND e.part_no = campaign.part_no AND e.status = 'VALID')
WHERE imeis IS NULL;

UPDATE campaign SET state = 'REJECTED', error_code = 'STAGED_BY_DEVELOPMENT_VERSION',
	error_message = 'never sent: planned by a development version of campaign-batch that staged its devices in the'
		|| ' job database (table device_entry, removed by migration V12); its execution cannot go on: send these'
		|| ' devices in a new input file',
	updated_at = CURRENT_TIMESTAMP
WHERE state IN ('PLANNED', 'HELD') AND job_instance_id IN (SELECT job_instance_id FROM v12_development_staged);

UPDATE BATCH_JOB_EXECUTION SET STATUS = 'ABANDONED',
	EXIT_MESSAGE = 'staged by a development version of campaign-batch in the job database (table device_entry,'
		|| ' removed by migration V12): this execution cannot be restarted; its campaigns never sent are REJECTED'
		|| ' (STAGED_BY_DEVELOPMENT_VERSION), those in doubt stay in doubt (look them up at ThingSpace); send the'
		|| ' devices that were not sent in a new input file',
	END_TIME = COALESCE(END_TIME, CURRENT_TIMESTAMP), LAST_UPDATED = CURRENT_TIMESTAMP
WHERE JOB_INSTANCE_ID IN (SELECT job_instance_id FROM v12_development_staged)
	AND JOB_EXECUTION_ID = (SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x
		WHERE x.JOB_INSTANCE_ID = BATCH_JOB_EXECUTION.JOB_INSTANCE_ID)
	AND (STATUS NOT IN ('COMPLETED', 'ABANDONED') OR (STATUS = 'COMPLETED' AND EXISTS (SELECT 1 FROM campaign c
		WHERE c.job_instance_id = BATCH_JOB_EXECUTION.JOB_INSTANCE_ID AND c.state IN ('SUBMITTING', 'UNKNOWN'))));

DROP TABLE v12_development_staged;
DROP TABLE device_entry;
