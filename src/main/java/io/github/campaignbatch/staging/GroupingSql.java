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
 * <p>
 * Speed (issue 24): a pass over every device costs far more than the statements over definitions or campaigns, so
 * the rules make few of them. Campaigns are numbered (integers, not 64-character keys, in the per-device work);
 * the schedule rule is decided per definition, since every device of a definition shares its schedule; only IMEIs
 * listed more than once can be duplicates or overlaps, so those two rules run on them alone; and only campaigns of
 * more than one part need their devices numbered in row order.
 */
final class GroupingSql {

	/** Each definition's campaign as a number, in campaign key order. */
	static final String CAMPAIGN_NUMBERS = """
			CREATE OR REPLACE TABLE g_definition AS
			SELECT def_id, CAST(DENSE_RANK() OVER (ORDER BY campaign_key) AS INTEGER) AS campaign_no FROM definition""";

	/**
	 * Each definition's valid devices and its first one (row, then position); the one pass over every device
	 * before the rules.
	 */
	static final String DEFINITION_DEVICES = """
			CREATE OR REPLACE TABLE g_definition_devices AS
			SELECT def_id, COUNT(*) AS devices, MIN(CAST(row_no AS HUGEINT) * 4294967296 + seq) AS first_device,
				MIN(row_no) AS first_row_no
			FROM device WHERE status = 'VALID' GROUP BY def_id""";

	/** The definition of each campaign's first valid device. */
	static final String FIRST_ROWS = """
			CREATE OR REPLACE TABLE g_first AS
			SELECT c.campaign_no, arg_min(n.def_id, n.first_device) AS def_id, MIN(n.first_row_no) AS first_row_no
			FROM g_definition_devices n JOIN g_definition c ON c.def_id = n.def_id GROUP BY c.campaign_no""";

	/**
	 * Each definition with valid devices, its campaign, and whether its schedule differs from the campaign's first
	 * row's (all of its devices then conflict).
	 */
	static final String SCHEDULES = """
			CREATE OR REPLACE TABLE g_schedule AS
			SELECT c.def_id, c.campaign_no, k.first_row_no, d.campaign_name, d.start_date, d.end_date,
				COALESCE(d.schedule_sig <> f.schedule_sig, false) AS conflicting
			FROM g_definition c JOIN definition d ON d.def_id = c.def_id JOIN g_first k ON k.campaign_no = c.campaign_no
				JOIN definition f ON f.def_id = k.def_id""";

	static final String MARKED = """
			CREATE OR REPLACE TABLE g_marked AS
			SELECT d.row_no, d.seq, 'CONFLICT' AS status, 'CONFLICTING_SCHEDULE' AS error_code,
				'dates, time windows or distributionType differ from row ' || CAST(s.first_row_no AS VARCHAR)
					|| ', the first row of campaign ''' || s.campaign_name
					|| ''': give every row of a campaign the same schedule, or give this row another campaignName'
					AS error_message
			FROM device d JOIN g_schedule s ON s.def_id = d.def_id
			WHERE d.status = 'VALID' AND s.conflicting""";

	/**
	 * The devices left valid by the schedule rule whose IMEI is listed more than once among them: the only ones
	 * that can be duplicates or in overlapping campaigns. IMEIs are counted by their 64-bit hash, much faster
	 * to group than the text: two IMEIs of one hash only add a device the rules then compare by its IMEI.
	 */
	static final String SHARED = """
			CREATE OR REPLACE TABLE g_shared AS
			WITH scheduled AS (
				SELECT d.row_no, d.seq, d.imei, s.campaign_no, s.campaign_name, s.start_date, s.end_date
				FROM device d JOIN g_schedule s ON s.def_id = d.def_id
				WHERE d.status = 'VALID' AND NOT s.conflicting)
			SELECT * FROM scheduled
			WHERE hash(imei) IN (SELECT hash(imei) FROM scheduled GROUP BY hash(imei) HAVING COUNT(*) > 1)""";

	private static final String SHARED_STILL_VALID = """
			(SELECT h.* FROM g_shared h ANTI JOIN g_marked m ON m.row_no = h.row_no AND m.seq = h.seq)""";

	static final String DUPLICATES = """
			INSERT INTO g_marked
			SELECT row_no, seq, 'DUPLICATE', 'DUPLICATE_DEVICE',
				'IMEI already listed for this campaign at row ' || CAST(first_row AS VARCHAR)
					|| ': it is scheduled once; remove the repeated line'
			FROM (SELECT row_no, seq,
					ROW_NUMBER() OVER (PARTITION BY campaign_no, imei ORDER BY row_no, seq) AS occurrence,
					MIN(row_no) OVER (PARTITION BY campaign_no, imei) AS first_row
				FROM g_shared
				) WHERE occurrence > 1""";

	static final String OVERLAPPING = """
			INSERT INTO g_marked
			SELECT e.row_no, e.seq, 'CONFLICT', 'DEVICE_IN_OVERLAPPING_CAMPAIGN',
				'IMEI is already in campaign ''' || MIN(f.campaign_name) || ''' (row ' || CAST(MIN(f.row_no) AS VARCHAR)
					|| ') whose dates overlap: a device can take one upgrade at a time; move this row to other dates'
			FROM """ + SHARED_STILL_VALID + " e JOIN " + SHARED_STILL_VALID + """
				f ON f.imei = e.imei AND f.campaign_no <> e.campaign_no AND f.row_no < e.row_no
				AND f.start_date <= e.end_date AND e.start_date <= f.end_date
			GROUP BY e.row_no, e.seq""";

	/**
	 * Each campaign's valid devices after the rules: its definitions' devices left by the schedule rule, less those
	 * the later rules marked (all of them among {@code g_shared}).
	 */
	static final String DEVICE_COUNTS = """
			CREATE OR REPLACE TABLE g_count AS
			SELECT campaign_no, CAST(SUM(devices) AS BIGINT) AS devices FROM (
				SELECT s.campaign_no, n.devices FROM g_definition_devices n JOIN g_schedule s ON s.def_id = n.def_id
				WHERE NOT s.conflicting
				UNION ALL
				SELECT h.campaign_no, -1 FROM g_shared h SEMI JOIN g_marked m ON m.row_no = h.row_no AND m.seq = h.seq)
			GROUP BY campaign_no HAVING SUM(devices) > 0""";

	/** Each campaign's valid devices after the rules, for the rollout's wave plan. */
	static final String DEVICES_PER_CAMPAIGN = "SELECT campaign_no, devices FROM g_count";

	/**
	 * The waves of each campaign of a rollout, planned in Java (RolloutPolicy): wave {@code wave_no} holds the
	 * campaign's devices numbered (in input order) above {@code after_device} up to {@code up_to_device}, in parts
	 * numbered from {@code first_part_no}. Empty without a rollout.
	 */
	static final String WAVES = """
			CREATE OR REPLACE TABLE g_waves (campaign_no INTEGER, wave_no INTEGER, wave_count INTEGER,
				after_device BIGINT, up_to_device BIGINT, first_part_no INTEGER, wave_parts INTEGER)""";

	/** The valid devices (after the rules) of the campaigns in {@code campaigns}, numbered in row order. */
	private static String numbered(String campaigns) {
		return """
				(SELECT d.row_no, d.seq, s.campaign_no,
					ROW_NUMBER() OVER (PARTITION BY s.campaign_no ORDER BY d.row_no, d.seq) AS n
				FROM device d JOIN g_schedule s ON s.def_id = d.def_id SEMI JOIN (%s) c ON c.campaign_no = s.campaign_no
					ANTI JOIN g_marked m ON m.row_no = d.row_no AND m.seq = d.seq
				WHERE d.status = 'VALID' AND NOT s.conflicting)""".formatted(campaigns);
	}

	/**
	 * Parts of a rollout: each wave is split on its own, and parts are numbered across the campaign's waves, so that a
	 * device's part still names one ledger row. Only the devices of campaigns of more than one part are listed.
	 */
	static String waved(int maxDevicesPerCampaign) {
		return """
				CREATE OR REPLACE TABLE g_split AS
				SELECT v.row_no, v.seq, v.campaign_no,
					CAST(w.first_part_no + (v.n - w.after_device - 1) // %1$d AS INTEGER) AS part_no
				FROM %2$s v
				JOIN g_waves w ON w.campaign_no = v.campaign_no AND v.n > w.after_device AND v.n <= w.up_to_device"""
			.formatted(maxDevicesPerCampaign,
					numbered("SELECT campaign_no FROM g_waves GROUP BY campaign_no HAVING SUM(wave_parts) > 1"));
	}

	/** Parts of the campaigns above the limit (the others are one part); only their devices are listed. */
	static String parted(int maxDevicesPerCampaign) {
		return """
				CREATE OR REPLACE TABLE g_split AS
				SELECT row_no, seq, campaign_no, CAST((n - 1) // %1$d + 1 AS INTEGER) AS part_no FROM %2$s"""
			.formatted(maxDevicesPerCampaign, numbered("SELECT campaign_no FROM g_count WHERE devices > "
					+ maxDevicesPerCampaign));
	}

	/** Every device's outcome: validation's, a grouping rule's, or valid in its campaign part. */
	static final String ENTRY = """
			CREATE OR REPLACE TABLE entry AS
			SELECT d.row_no, d.seq, d.imei, d.def_id,
				CASE WHEN d.status <> 'VALID' THEN d.status ELSE COALESCE(m.status, 'VALID') END AS status,
				COALESCE(d.error_code, m.error_code) AS error_code, COALESCE(d.error_message, m.error_message) AS error_message,
				COALESCE(p.part_no, 1) AS part_no
			FROM device d LEFT JOIN g_marked m ON m.row_no = d.row_no AND m.seq = d.seq
				LEFT JOIN g_split p ON p.row_no = d.row_no AND p.seq = d.seq""";

	/**
	 * The campaign parts: one of each campaign not split, and the parts of the split ones. {@code part_key} orders
	 * them (campaign, then part) and names a range of them in one number.
	 */
	static final String PLANNED = """
			CREATE OR REPLACE TABLE g_planned AS
			SELECT campaign_no, part_no, CAST(campaign_no AS BIGINT) * 4294967296 + part_no AS part_key, device_count,
				min_row, COUNT(*) OVER (PARTITION BY campaign_no) AS part_count
			FROM (SELECT c.campaign_no, 1 AS part_no, c.devices AS device_count, CAST(NULL AS BIGINT) AS min_row
					FROM g_count c ANTI JOIN g_split p ON p.campaign_no = c.campaign_no
				UNION ALL
				SELECT campaign_no, part_no, COUNT(*), MIN(row_no) FROM g_split GROUP BY campaign_no, part_no)""";

	/** The planned parts' keys and sizes in order, to cut the device lists into batches. */
	static final String PART_SIZES = "SELECT part_key, device_count FROM g_planned ORDER BY part_key";

	/**
	 * The campaign parts of a range of part keys, in order. A campaign's fields are those of its first valid row;
	 * part 1 keeps that row as its first, later parts start at their own first row.
	 */
	static final String CAMPAIGNS = """
			SELECT f.campaign_key, p.part_key, p.part_no, p.part_count, f.campaign_name,
				f.account, f.file_name, f.file_version, f.distribution_type, f.start_date, f.end_date, f.download_after_date,
				f.install_after_date, f.download_windows, f.install_windows, f.schedule_sig,
				CASE WHEN p.part_no = 1 THEN k.first_row_no ELSE p.min_row END AS first_row_no, p.device_count,
				w.wave_no, w.wave_count, p.part_no - w.first_part_no + 1 AS part_in_wave, w.wave_parts
			FROM g_planned p JOIN g_first k ON k.campaign_no = p.campaign_no JOIN definition f ON f.def_id = k.def_id
				LEFT JOIN g_waves w ON w.campaign_no = p.campaign_no AND p.part_no >= w.first_part_no
					AND p.part_no < w.first_part_no + w.wave_parts
			WHERE p.part_key BETWEEN ? AND ?
			ORDER BY p.part_key""";

	/*
	 * A part's device list is aggregated without an order: an ordered aggregate (string_agg ... ORDER BY) keeps
	 * sort buffers per group outside the spilling operators, and ran out of the 256 MB limit on 1M devices in 2,000
	 * parts. Each device carries its place in the input instead ("row_no * 2^32 + seq:imei"), and the caller puts
	 * each part's list in order (StagedGrouping.inInputOrder). The list of a part is read from entry, where the
	 * report reads it too; the parts come from g_planned: the caller checks that they agree. A batch names its
	 * campaigns (the first two parameters) besides its part keys, so that only their devices reach the aggregate.
	 */
	static final String PART_DEVICES = """
			SELECT CAST(s.campaign_no AS BIGINT) * 4294967296 + e.part_no AS part_key, COUNT(*) AS devices,
				string_agg(CAST(e.row_no * 4294967296 + e.seq AS VARCHAR) || ':' || e.imei, ',') AS tagged_imeis
			FROM entry e JOIN g_schedule s ON s.def_id = e.def_id
			WHERE e.status = 'VALID' AND s.campaign_no BETWEEN ? AND ?
				AND CAST(s.campaign_no AS BIGINT) * 4294967296 + e.part_no BETWEEN ? AND ?
			GROUP BY s.campaign_no, e.part_no""";

	static final String DROP_WORK_TABLES = """
			DROP TABLE IF EXISTS g_definition; DROP TABLE IF EXISTS g_definition_devices; DROP TABLE IF EXISTS g_first;
			DROP TABLE IF EXISTS g_schedule; DROP TABLE IF EXISTS g_marked; DROP TABLE IF EXISTS g_shared;
			DROP TABLE IF EXISTS g_count; DROP TABLE IF EXISTS g_split; DROP TABLE IF EXISTS g_planned;
			DROP TABLE IF EXISTS g_waves; CHECKPOINT""";

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
