package io.github.campaignbatch.campaign;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The grouping of versions before the staging files (issue 13), in the job database; kept in the tests to make
 * the data of old executions, and as the reference that the staging's grouping is proven equal to
 * ({@code bench/GrouperEquivalenceTest}). Groups the staged device entries of one job instance into campaigns, with set-based SQL so that inputs far
 * larger than the heap group in the database. The rules, in order:
 * <ol>
 * <li>a campaign's schedule is the one of its first valid row;</li>
 * <li>{@code CONFLICTING_SCHEDULE}: a row of the campaign whose schedule differs from that first row's;</li>
 * <li>{@code DUPLICATE_DEVICE}: an IMEI listed again in the same campaign (the first occurrence stays valid);</li>
 * <li>{@code DEVICE_IN_OVERLAPPING_CAMPAIGN}: an IMEI that an earlier row already puts in another campaign
 * whose dates overlap (the later row loses);</li>
 * <li>campaigns above the device limit are split into parts of at most that many devices, in row order,
 * named by {@link CampaignNames#part}.</li>
 * </ol>
 * Callers run it in one transaction: it either groups everything or nothing.
 */
public class CampaignGrouper {

	/**
	 * The first valid row of each campaign is its lowest row number (every valid entry of a row has the row's
	 * campaign), and within that row its lowest entry: two aggregations joined back through the row index,
	 * where a window function over every entry costs H2 a sort of the whole table.
	 */
	private static final String INSERT_CAMPAIGNS = """
			INSERT INTO campaign (job_instance_id, campaign_key, part_no, part_count, name, account, file_name, file_version,
				distribution_type, start_date, end_date, download_after_date, install_after_date, download_windows,
				install_windows, schedule_sig, first_row_no, device_count, state, attempts, updated_at)
			SELECT e.job_instance_id, e.campaign_key, 1, 1, e.campaign_name, e.account, e.file_name, e.file_version,
				e.distribution_type, e.start_date, e.end_date, e.download_after_date, e.install_after_date, e.download_windows,
				e.install_windows, e.schedule_sig, e.row_no, 0, 'PLANNED', 0, CURRENT_TIMESTAMP
			FROM (SELECT f.row_no, MIN(f.seq_in_row) AS seq_in_row
					FROM (SELECT MIN(row_no) AS row_no FROM device_entry WHERE job_instance_id = ? AND status = 'VALID'
						GROUP BY campaign_key) k
					JOIN device_entry f ON f.job_instance_id = ? AND f.row_no = k.row_no AND f.status = 'VALID'
					GROUP BY f.row_no) first_rows
				JOIN device_entry e ON e.job_instance_id = ? AND e.row_no = first_rows.row_no
					AND e.seq_in_row = first_rows.seq_in_row""";

	private static final String MARK_CONFLICTING_SCHEDULES = """
			UPDATE device_entry SET status = 'CONFLICT', error_code = 'CONFLICTING_SCHEDULE',
				error_message = 'dates, time windows or distributionType differ from row '
					|| (SELECT CAST(c.first_row_no AS VARCHAR(20)) FROM campaign c
						WHERE c.job_instance_id = device_entry.job_instance_id AND c.campaign_key = device_entry.campaign_key)
					|| ', the first row of campaign ''' || campaign_name
					|| ''': give every row of a campaign the same schedule, or give this row another campaignName'
			WHERE job_instance_id = ? AND status = 'VALID' AND EXISTS (SELECT 1 FROM campaign c
				WHERE c.job_instance_id = device_entry.job_instance_id AND c.campaign_key = device_entry.campaign_key
				AND c.schedule_sig <> device_entry.schedule_sig)""";

	/** An entry with an earlier valid entry of the same IMEI and campaign: looked up through the IMEI index. */
	private static final String MARK_DUPLICATES = """
			UPDATE device_entry SET status = 'DUPLICATE', error_code = 'DUPLICATE_DEVICE',
				error_message = 'IMEI already listed for this campaign at row '
					|| (SELECT CAST(MIN(f.row_no) AS VARCHAR(20)) FROM device_entry f
						WHERE f.job_instance_id = device_entry.job_instance_id AND f.campaign_key = device_entry.campaign_key
						AND f.imei = device_entry.imei AND f.status = 'VALID')
					|| ': it is scheduled once; remove the repeated line'
			WHERE job_instance_id = ? AND status = 'VALID' AND EXISTS (SELECT 1 FROM device_entry f
				WHERE f.job_instance_id = device_entry.job_instance_id AND f.imei = device_entry.imei
				AND f.campaign_key = device_entry.campaign_key AND f.status = 'VALID'
				AND (f.row_no < device_entry.row_no OR (f.row_no = device_entry.row_no AND f.seq_in_row < device_entry.seq_in_row)))""";

	private static final String MARK_OVERLAPPING = """
			UPDATE device_entry SET status = 'CONFLICT', error_code = 'DEVICE_IN_OVERLAPPING_CAMPAIGN',
				error_message = 'IMEI is already in campaign '''
					|| (SELECT MIN(f.campaign_name) FROM device_entry f WHERE f.job_instance_id = device_entry.job_instance_id
						AND f.imei = device_entry.imei AND f.campaign_key <> device_entry.campaign_key AND f.status = 'VALID'
						AND f.row_no < device_entry.row_no AND f.start_date <= device_entry.end_date
						AND device_entry.start_date <= f.end_date)
					|| ''' (row '
					|| (SELECT CAST(MIN(f.row_no) AS VARCHAR(20)) FROM device_entry f WHERE f.job_instance_id = device_entry.job_instance_id
						AND f.imei = device_entry.imei AND f.campaign_key <> device_entry.campaign_key AND f.status = 'VALID'
						AND f.row_no < device_entry.row_no AND f.start_date <= device_entry.end_date
						AND device_entry.start_date <= f.end_date)
					|| ') whose dates overlap: a device can take one upgrade at a time; move this row to other dates'
			WHERE job_instance_id = ? AND status = 'VALID' AND EXISTS (SELECT 1 FROM device_entry f
				WHERE f.job_instance_id = device_entry.job_instance_id AND f.imei = device_entry.imei
				AND f.campaign_key <> device_entry.campaign_key AND f.status = 'VALID' AND f.row_no < device_entry.row_no
				AND f.start_date <= device_entry.end_date AND device_entry.start_date <= f.end_date)""";

	/** Every valid entry's campaign part 1 gets its device count in one pass over the entries. */
	private static final String COUNT_FIRST_PARTS = """
			MERGE INTO campaign c USING (SELECT campaign_key, COUNT(*) AS n FROM device_entry
					WHERE job_instance_id = ? AND status = 'VALID' GROUP BY campaign_key) s
			ON (c.job_instance_id = ? AND c.campaign_key = s.campaign_key AND c.part_no = 1)
			WHEN MATCHED THEN UPDATE SET device_count = s.n""";

	/**
	 * Only campaigns above the limit need numbering: every entry was staged as part 1. The window function runs
	 * over those campaigns' entries only, found through the campaign index.
	 */
	private static final String NUMBER_PARTS = """
			MERGE INTO device_entry t USING (
				SELECT e.id, CAST((ROW_NUMBER() OVER (PARTITION BY e.campaign_key ORDER BY e.row_no, e.seq_in_row) - 1) / ? + 1 AS INT) AS part
				FROM campaign c JOIN device_entry e ON e.job_instance_id = c.job_instance_id AND e.campaign_key = c.campaign_key
					AND e.part_no = 1
				WHERE c.job_instance_id = ? AND c.part_no = 1 AND c.device_count > ? AND e.status = 'VALID') s
			ON (t.id = s.id)
			WHEN MATCHED THEN UPDATE SET part_no = s.part""";

	private static final String INSERT_EXTRA_PARTS = """
			INSERT INTO campaign (job_instance_id, campaign_key, part_no, part_count, name, account, file_name, file_version,
				distribution_type, start_date, end_date, download_after_date, install_after_date, download_windows,
				install_windows, schedule_sig, first_row_no, device_count, state, attempts, updated_at)
			SELECT c.job_instance_id, c.campaign_key, p.part_no, 1, c.name, c.account, c.file_name, c.file_version,
				c.distribution_type, c.start_date, c.end_date, c.download_after_date, c.install_after_date,
				c.download_windows, c.install_windows, c.schedule_sig, p.first_row_no, 0, 'PLANNED', 0, CURRENT_TIMESTAMP
			FROM campaign c JOIN (SELECT campaign_key, part_no, MIN(row_no) AS first_row_no FROM device_entry
					WHERE job_instance_id = ? AND status = 'VALID' AND part_no > 1 GROUP BY campaign_key, part_no) p
				ON p.campaign_key = c.campaign_key
			WHERE c.job_instance_id = ? AND c.part_no = 1""";

	/** Recounts the campaigns that were split; the others kept the count of {@link #COUNT_FIRST_PARTS}. */
	private static final String COUNT_SPLIT_DEVICES = """
			MERGE INTO campaign c USING (SELECT e.campaign_key, e.part_no, COUNT(*) AS n
					FROM campaign p JOIN device_entry e ON e.job_instance_id = p.job_instance_id AND e.campaign_key = p.campaign_key
					WHERE p.job_instance_id = ? AND p.part_no = 1 AND p.device_count > ? AND e.status = 'VALID'
					GROUP BY e.campaign_key, e.part_no) s
			ON (c.job_instance_id = ? AND c.campaign_key = s.campaign_key AND c.part_no = s.part_no)
			WHEN MATCHED THEN UPDATE SET device_count = s.n""";

	/** A campaign whose every device lost to an overlapping campaign has nothing left to send. */
	private static final String DELETE_EMPTY = "DELETE FROM campaign WHERE job_instance_id = ? AND device_count = 0";

	private static final String COUNT_PARTS = """
			UPDATE campaign SET part_count = (SELECT COUNT(*) FROM campaign p
				WHERE p.job_instance_id = campaign.job_instance_id AND p.campaign_key = campaign.campaign_key)
			WHERE job_instance_id = ?""";

	private static final String NAME_PARTS = """
			UPDATE campaign SET name = name || '-part-' || CAST(part_no AS VARCHAR(10)) || '-of-' || CAST(part_count AS VARCHAR(10))
			WHERE job_instance_id = ? AND part_count > 1""";

	private final JdbcTemplate jdbc;

	public CampaignGrouper(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Groups the entries of one job instance; returns the number of campaigns (parts counted) planned. */
	public int group(long jobInstanceId, int maxDevicesPerCampaign) {
		if (maxDevicesPerCampaign < 1) {
			throw new IllegalArgumentException("maxDevicesPerCampaign must be at least 1");
		}
		this.jdbc.update(INSERT_CAMPAIGNS, jobInstanceId, jobInstanceId, jobInstanceId);
		this.jdbc.update(MARK_CONFLICTING_SCHEDULES, jobInstanceId);
		this.jdbc.update(MARK_DUPLICATES, jobInstanceId);
		this.jdbc.update(MARK_OVERLAPPING, jobInstanceId);
		this.jdbc.update(COUNT_FIRST_PARTS, jobInstanceId, jobInstanceId);
		this.jdbc.update(NUMBER_PARTS, maxDevicesPerCampaign, jobInstanceId, maxDevicesPerCampaign);
		this.jdbc.update(INSERT_EXTRA_PARTS, jobInstanceId, jobInstanceId);
		this.jdbc.update(COUNT_SPLIT_DEVICES, jobInstanceId, maxDevicesPerCampaign, jobInstanceId);
		this.jdbc.update(DELETE_EMPTY, jobInstanceId);
		this.jdbc.update(COUNT_PARTS, jobInstanceId);
		this.jdbc.update(NAME_PARTS, jobInstanceId);
		Integer campaigns = this.jdbc.queryForObject("SELECT COUNT(*) FROM campaign WHERE job_instance_id = ?",
				Integer.class, jobInstanceId);
		return campaigns == null ? 0 : campaigns;
	}
}
