package io.github.campaignbatch.staging;

/**
 * The grouping rules as DuckDB SQL over the staged devices of one job instance. In order:
 * <ol>
 * <li>a campaign's schedule is the one of its first valid row (lowest row, then position in the row);</li>
 * <li>{@code CONFLICTING_SCHEDULE}: a row of the campaign whose schedule differs from that first row's;</li>
 * <li>{@code DUPLICATE_DEVICE}: an IMEI listed again in the same campaign (the first occurrence stays valid);</li>
 * <li>{@code DEVICE_IN_OVERLAPPING_CAMPAIGN}: an IMEI that an earlier row already puts in another campaign
 * whose dates overlap (the later row loses);</li>
 * <li>campaigns above the device limit are split into parts of at most that many devices, in row order; in a
 * rollout, each wave of a campaign is split on its own (its waves are its first devices in row order).</li>
 * </ol>
 * Each rule sees the devices the rules before it left valid. The work tables are plain tables of the file (DuckDB
 * spills them to disk under its memory limit) and are dropped at the end; every statement replaces what an
 * interrupted grouping may have left. {@code StagedGroupingTest} runs each rule, and their order, on a staging
 * file.
 */
final class GroupingSql {

	static final String VALID = """
			CREATE OR REPLACE TABLE g_valid AS
			SELECT d.row_no, d.seq, d.imei, d.def_id, f.campaign_key, f.schedule_sig, f.campaign_name, f.start_date, f.end_date
			FROM device d JOIN definition f ON f.def_id = d.def_id
			WHERE d.status = 'VALID'""";

	/** The definition of each campaign's first valid device; arg_min streams, an ordered first() would not spill. */
	static final String FIRST_ROWS = """
			CREATE OR REPLACE TABLE g_first AS
			SELECT campaign_key, arg_min(def_id, CAST(row_no AS HUGEINT) * 4294967296 + seq) AS def_id,
				MIN(row_no) AS first_row_no
			FROM g_valid GROUP BY campaign_key""";

	static final String MARKED = """
			CREATE OR REPLACE TABLE g_marked AS
			SELECT v.row_no, v.seq, 'CONFLICT' AS status, 'CONFLICTING_SCHEDULE' AS error_code,
				'dates, time windows or distributionType differ from row ' || CAST(k.first_row_no AS VARCHAR)
					|| ', the first row of campaign ''' || v.campaign_name
					|| ''': give every row of a campaign the same schedule, or give this row another campaignName'
					AS error_message
			FROM g_valid v JOIN g_first k ON k.campaign_key = v.campaign_key JOIN definition f ON f.def_id = k.def_id
			WHERE v.schedule_sig <> f.schedule_sig""";

	private static final String STILL_VALID = """
			(SELECT v.* FROM g_valid v ANTI JOIN g_marked m ON m.row_no = v.row_no AND m.seq = v.seq)""";

	static final String DUPLICATES = """
			INSERT INTO g_marked
			SELECT row_no, seq, 'DUPLICATE', 'DUPLICATE_DEVICE',
				'IMEI already listed for this campaign at row ' || CAST(first_row AS VARCHAR)
					|| ': it is scheduled once; remove the repeated line'
			FROM (SELECT row_no, seq,
					ROW_NUMBER() OVER (PARTITION BY campaign_key, imei ORDER BY row_no, seq) AS occurrence,
					MIN(row_no) OVER (PARTITION BY campaign_key, imei) AS first_row
				FROM """ + STILL_VALID + """
				) WHERE occurrence > 1""";

	static final String OVERLAPPING = """
			INSERT INTO g_marked
			SELECT e.row_no, e.seq, 'CONFLICT', 'DEVICE_IN_OVERLAPPING_CAMPAIGN',
				'IMEI is already in campaign ''' || MIN(f.campaign_name) || ''' (row ' || CAST(MIN(f.row_no) AS VARCHAR)
					|| ') whose dates overlap: a device can take one upgrade at a time; move this row to other dates'
			FROM """ + STILL_VALID + " e JOIN " + STILL_VALID + """
				f ON f.imei = e.imei AND f.campaign_key <> e.campaign_key AND f.row_no < e.row_no
				AND f.start_date <= e.end_date AND e.start_date <= f.end_date
			GROUP BY e.row_no, e.seq""";

	/** Each campaign's valid devices after the rules, for the rollout's wave plan. */
	static final String DEVICES_PER_CAMPAIGN = "SELECT campaign_key, COUNT(*) AS n FROM " + STILL_VALID
			+ " v GROUP BY campaign_key";

	/**
	 * The waves of each campaign of a rollout, planned in Java (RolloutPolicy): wave {@code wave_no} holds the
	 * campaign's devices numbered (in input order) above {@code after_device} up to {@code up_to_device}, in parts
	 * numbered from {@code first_part_no}. Empty without a rollout.
	 */
	static final String WAVES = """
			CREATE OR REPLACE TABLE g_waves (campaign_key VARCHAR, wave_no INTEGER, wave_count INTEGER,
				after_device BIGINT, up_to_device BIGINT, first_part_no INTEGER, wave_parts INTEGER)""";

	/**
	 * Parts of a rollout: each wave is split on its own, and parts are numbered across the campaign's waves, so that a
	 * device's part still names one ledger row.
	 */
	static String waved(int maxDevicesPerCampaign) {
		return """
				CREATE OR REPLACE TABLE g_parted AS
				SELECT v.row_no, v.seq, v.imei, v.campaign_key,
					CAST(w.first_part_no + (v.n - w.after_device - 1) // %1$d AS INTEGER) AS part_no
				FROM (SELECT row_no, seq, imei, campaign_key,
						ROW_NUMBER() OVER (PARTITION BY campaign_key ORDER BY row_no, seq) AS n
					FROM %2$s) v
				JOIN g_waves w ON w.campaign_key = v.campaign_key AND v.n > w.after_device AND v.n <= w.up_to_device"""
			.formatted(maxDevicesPerCampaign, STILL_VALID);
	}

	static String parted(int maxDevicesPerCampaign) {
		return """
				CREATE OR REPLACE TABLE g_parted AS
				SELECT row_no, seq, imei, campaign_key,
					CASE WHEN COUNT(*) OVER (PARTITION BY campaign_key) > %1$d
						THEN CAST((ROW_NUMBER() OVER (PARTITION BY campaign_key ORDER BY row_no, seq) - 1) // %1$d + 1 AS INTEGER)
						ELSE 1 END AS part_no
				FROM %2$s""".formatted(maxDevicesPerCampaign, STILL_VALID);
	}

	/** Every device's outcome: validation's, a grouping rule's, or valid in its campaign part. */
	static final String ENTRY = """
			CREATE OR REPLACE TABLE entry AS
			SELECT d.row_no, d.seq, d.imei, d.def_id,
				CASE WHEN d.status <> 'VALID' THEN d.status ELSE COALESCE(m.status, 'VALID') END AS status,
				COALESCE(d.error_code, m.error_code) AS error_code, COALESCE(d.error_message, m.error_message) AS error_message,
				COALESCE(p.part_no, 1) AS part_no
			FROM device d LEFT JOIN g_marked m ON m.row_no = d.row_no AND m.seq = d.seq
				LEFT JOIN g_parted p ON p.row_no = d.row_no AND p.seq = d.seq""";

	/*
	 * A part's device list is not aggregated here: an ordered aggregate (string_agg ... ORDER BY) is held in memory
	 * whole and does not spill, so 10M devices ran DuckDB out of its memory limit. PART_DEVICES streams the devices
	 * in campaign order instead (a sort, which spills), and the caller joins each part's list as it goes.
	 */
	static final String PLANNED = """
			CREATE OR REPLACE TABLE g_planned AS
			SELECT campaign_key, part_no, COUNT(*) AS device_count, MIN(row_no) AS min_row
			FROM g_parted GROUP BY campaign_key, part_no""";

	/**
	 * A campaign's fields are those of its first valid row; part 1 keeps that row as its first, later parts
	 * start at their own first row.
	 */
	static final String CAMPAIGNS = """
			SELECT p.campaign_key, p.part_no, COUNT(*) OVER (PARTITION BY p.campaign_key) AS part_count, f.campaign_name,
				f.account, f.file_name, f.file_version, f.distribution_type, f.start_date, f.end_date, f.download_after_date,
				f.install_after_date, f.download_windows, f.install_windows, f.schedule_sig,
				CASE WHEN p.part_no = 1 THEN k.first_row_no ELSE p.min_row END AS first_row_no, p.device_count,
				w.wave_no, w.wave_count, p.part_no - w.first_part_no + 1 AS part_in_wave, w.wave_parts
			FROM g_planned p JOIN g_first k ON k.campaign_key = p.campaign_key JOIN definition f ON f.def_id = k.def_id
				LEFT JOIN g_waves w ON w.campaign_key = p.campaign_key AND p.part_no >= w.first_part_no
					AND p.part_no < w.first_part_no + w.wave_parts
			ORDER BY p.campaign_key, p.part_no""";

	/** Every grouped device, part by part in the order of {@link #CAMPAIGNS}, each part's in input order. */
	static final String PART_DEVICES = """
			SELECT campaign_key, part_no, imei FROM g_parted ORDER BY campaign_key, part_no, row_no, seq""";

	static final String DROP_WORK_TABLES = """
			DROP TABLE IF EXISTS g_valid; DROP TABLE IF EXISTS g_first; DROP TABLE IF EXISTS g_marked;
			DROP TABLE IF EXISTS g_parted; DROP TABLE IF EXISTS g_planned; DROP TABLE IF EXISTS g_waves; CHECKPOINT""";

	/** Before grouping, every device is in part 1 with its validation outcome. */
	static String entries(boolean grouped) {
		return grouped ? "entry" : "(SELECT row_no, seq, imei, def_id, status, error_code, error_message, 1 AS part_no FROM device)";
	}

	/**
	 * The report's rows; ResultsRepository reads them by position, in this order. Only valid
	 * entries were sent, so only they take a device status at the vendor; that rule is in the join key (a NULL key
	 * matches nothing) rather than in a condition of its own: DuckDB cannot hash a LEFT JOIN whose ON clause tests
	 * the left side alone, and falls back to a nested loop (75 s instead of 0.1 s for 100,000 tracked devices,
	 * quadratic beyond).
	 */
	static String outcomes(boolean grouped) {
		return """
				SELECT row_no, imei, account, campaign_name, file_name, file_version, status, state, remote_id, error_code,
					error_message, vendor_status, device_status, result_reason, status_at, wave_no
				FROM (%s)
				ORDER BY %s""".formatted(outcomeRows(grouped), OUTCOME_ORDER);
	}

	/** The report's order: the input's devices by row, then amend's additions. */
	static final String OUTCOME_ORDER = "added, row_no, seq, imei";

	/** The report's rows unordered, with their sort keys ({@link #OUTCOME_ORDER}); see {@link #outcomes}. */
	static String outcomeRows(boolean grouped) {
		return """
				SELECT 0 AS added, e.seq, e.row_no, e.imei, f.account, COALESCE(l.name, f.campaign_name) AS campaign_name,
					f.file_name, f.file_version, CASE WHEN a.removed THEN 'REMOVED' ELSE e.status END AS status, l.state,
					l.remote_id, COALESCE(e.error_code, l.error_code) AS error_code,
					COALESCE(e.error_message, l.error_message) AS error_message, l.vendor_status, v.device_status,
					v.result_reason, v.status_at, l.wave_no
				FROM %s e JOIN definition f ON f.def_id = e.def_id
					LEFT JOIN ledger l ON l.campaign_key = f.campaign_key AND l.part_no = e.part_no
					LEFT JOIN vendor_device v ON v.campaign_id = CASE WHEN e.status = 'VALID' THEN l.id END
						AND v.imei = e.imei
					LEFT JOIN amended a ON a.campaign_id = CASE WHEN e.status = 'VALID' THEN l.id END AND a.imei = e.imei
				UNION ALL
				%s""".formatted(entries(grouped), AMEND_ADDED);
	}

	/**
	 * The devices {@code amend} added to a campaign, after the input's (no row of their own: row 0), with the campaign's
	 * outcome and id, or REMOVED when a later amend took them out again.
	 */
	private static final String AMEND_ADDED = """
			SELECT 1 AS added, 0 AS seq, 0 AS row_no, a.imei, l.account, l.name, l.file_name, l.file_version,
					CASE WHEN a.removed THEN 'REMOVED' ELSE 'VALID' END, l.state, l.remote_id, NULL, NULL, l.vendor_status,
					v.device_status, v.result_reason, v.status_at, l.wave_no
				FROM amended a JOIN ledger l ON l.id = a.campaign_id
					LEFT JOIN vendor_device v ON v.campaign_id = a.campaign_id AND v.imei = a.imei
				WHERE a.added""";

	static String outcomeCounts(boolean grouped) {
		return """
				SELECT status, state, COUNT(*) AS n FROM (
					SELECT CASE WHEN a.removed THEN 'REMOVED' ELSE e.status END AS status, l.state
					FROM %s e JOIN definition f ON f.def_id = e.def_id
						LEFT JOIN ledger l ON l.campaign_key = f.campaign_key AND l.part_no = e.part_no
						LEFT JOIN amended a ON a.campaign_id = CASE WHEN e.status = 'VALID' THEN l.id END AND a.imei = e.imei
					UNION ALL
					SELECT CASE WHEN a.removed THEN 'REMOVED' ELSE 'VALID' END, l.state
					FROM amended a JOIN ledger l ON l.id = a.campaign_id WHERE a.added)
				GROUP BY status, state""".formatted(entries(grouped));
	}

	static String rejections(boolean grouped) {
		return """
				SELECT error_code, COUNT(*) AS n FROM %s e WHERE status <> 'VALID'
				GROUP BY error_code ORDER BY n DESC, error_code""".formatted(entries(grouped));
	}

	private GroupingSql() {
	}
}
