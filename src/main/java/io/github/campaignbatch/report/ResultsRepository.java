package io.github.campaignbatch.report;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.github.campaignbatch.staging.StagedInstance;
import io.github.campaignbatch.staging.StagedReport;
import io.github.campaignbatch.staging.StagingException;
import io.github.campaignbatch.staging.StagingStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the outcome of every device entry of a job instance, in input order, streaming: from the instance's
 * staging file, joined there with a copy of the ledger's campaign outcomes. An instance without a staging file (its
 * rows let go, see {@code Retention}) has no device lines; its campaigns are still read from the ledger.
 */
public class ResultsRepository {

	private static final Logger log = LoggerFactory.getLogger(ResultsRepository.class);

	private static final String LEDGER_OUTCOMES_SQL = """
			SELECT id, campaign_key, part_no, name, state, remote_id, vendor_status, error_code, error_message, account,
				file_name, file_version, wave_no
			FROM campaign WHERE job_instance_id = ?""";

	/** The devices amend changed, oldest change first per device: the first says whether amend added it. */
	private static final String AMENDED_DEVICES_SQL = """
			SELECT campaign_id, imei, change_kind FROM amended_device
			WHERE job_instance_id = ? AND applied = TRUE ORDER BY campaign_id, imei, amendment_id""";

	private static final String DEVICE_STATUSES_SQL = """
			SELECT campaign_id, imei, device_status, result_reason, status_at
			FROM device_vendor_status WHERE job_instance_id = ?""";

	private static final String CAMPAIGNS_SQL = """
			SELECT name, account, file_name, file_version, start_date, end_date, device_count, state, remote_id,
				vendor_status, error_code, error_message
			FROM campaign WHERE job_instance_id = ? ORDER BY first_row_no, part_no""";

	private static final int FETCH_SIZE = 1000;

	private final JdbcTemplate jdbc;

	private final StagingStore staging;

	public ResultsRepository(JdbcTemplate jdbc, StagingStore staging) {
		this.jdbc = new JdbcTemplate(jdbc.getDataSource());
		this.jdbc.setFetchSize(FETCH_SIZE);
		this.staging = staging;
	}

	/** Runs {@code work} on the instance's staging file with a fresh copy of the ledger; false when it has none. */
	private boolean withStaged(long jobInstanceId, StagedWork work) {
		return withStaged(jobInstanceId, true, work);
	}

	/**
	 * Runs {@code work} on the instance's staging file with a fresh copy of the ledger, with the vendor's device
	 * statuses or without them (counting outcomes needs none); false when it has none.
	 */
	private boolean withStaged(long jobInstanceId, boolean deviceStatuses, StagedWork work) {
		return withStagedFile(jobInstanceId, report -> {
			report.replaceLedger(outcome -> this.jdbc.query(LEDGER_OUTCOMES_SQL, resultSet -> {
				int waveNo = resultSet.getInt(13);
				Integer wave = resultSet.wasNull() ? null : waveNo;
				outcome.accept(new StagedReport.LedgerOutcome(resultSet.getLong(1), resultSet.getString(2),
						resultSet.getInt(3), resultSet.getString(4), resultSet.getString(5), resultSet.getString(6),
						resultSet.getString(7), resultSet.getString(8), resultSet.getString(9), resultSet.getString(10),
						resultSet.getString(11), resultSet.getString(12), wave));
			}, jobInstanceId), status -> {
				if (deviceStatuses) {
					this.jdbc.query(DEVICE_STATUSES_SQL, resultSet -> {
						java.sql.Timestamp at = resultSet.getTimestamp(5);
						status.accept(new StagedReport.DeviceStatus(resultSet.getLong(1), resultSet.getString(2),
								resultSet.getString(3), resultSet.getString(4), at == null ? null : at.toLocalDateTime()));
					}, jobInstanceId);
				}
			}, amended -> amendedDevices(jobInstanceId).forEach(amended));
			work.run(report);
		});
	}

	/** Runs {@code work} on the instance's staging file as it is (no copy of the ledger); false when it has none. */
	private boolean withStagedFile(long jobInstanceId, StagedWork work) {
		StagedInstance staged = this.staging.open(jobInstanceId);
		if (staged == null) {
			return false;
		}
		try (staged) {
			work.run(new StagedReport(staged));
			return true;
		}
		catch (SQLException ex) {
			throw new StagingException("cannot read the staging file of job instance " + jobInstanceId + ": "
					+ ex.getMessage(), ex);
		}
	}

	/** Per changed device, whether its last change took it out and whether its first put it in (amend added it). */
	private List<StagedReport.AmendedDevice> amendedDevices(long jobInstanceId) {
		List<StagedReport.AmendedDevice> devices = new ArrayList<>();
		String[] first = new String[3];
		String[] last = new String[3];
		this.jdbc.query(AMENDED_DEVICES_SQL, resultSet -> {
			String campaign = resultSet.getString(1);
			String imei = resultSet.getString(2);
			if (!campaign.equals(last[0]) || !imei.equals(last[1])) {
				addAmended(devices, first, last);
				first[0] = campaign;
				first[1] = imei;
				first[2] = resultSet.getString(3);
			}
			last[0] = campaign;
			last[1] = imei;
			last[2] = resultSet.getString(3);
		}, jobInstanceId);
		addAmended(devices, first, last);
		return devices;
	}

	private static void addAmended(List<StagedReport.AmendedDevice> devices, String[] first, String[] last) {
		if (last[0] != null) {
			devices.add(new StagedReport.AmendedDevice(Long.parseLong(last[0]), last[1], "REMOVE".equals(last[2]),
					"ADD".equals(first[2])));
		}
	}

	@FunctionalInterface
	private interface StagedWork {

		void run(StagedReport staged) throws SQLException;
	}

	/**
	 * Streams every line of the report, in row order, without holding them (DuckDB orders and spills them in the
	 * staging file).
	 */
	public void forEachLine(long jobInstanceId, Consumer<ReportLine> consumer) {
		withStaged(jobInstanceId, staged -> staged.forEachOutcome(row -> consumer.accept(line(row))));
	}

	/**
	 * Writes the CSV report's lines, header first, into {@code file} from the staging engine itself, byte for byte
	 * what {@link ResultsReportWriter} writes from {@link #forEachLine} (see {@link CsvReportSql}), and returns how
	 * many device lines it wrote, having told {@code written} so. Empty when the Java writer must write the report:
	 * the instance has no staging file, or a status time the SQL cannot print as Java does (see {@link CsvReportSql}).
	 */
	OptionalLong copyCsv(long jobInstanceId, Path file, boolean waves, LongConsumer written) {
		return copyCsv(jobInstanceId, file, waves, written, ZoneId.systemDefault());
	}

	/**
	 * {@link #copyCsv(long, Path, boolean, LongConsumer)} in a JVM whose default zone is {@code zone}. A zone with summer
	 * time leaves to Java only the reports that hold a device status time: a run's report before any {@code track}
	 * has none, and its {@code statusAt} cells are empty whatever the zone.
	 */
	OptionalLong copyCsv(long jobInstanceId, Path file, boolean waves, LongConsumer written, ZoneId zone) {
		Optional<CsvReportSql> inZone = CsvReportSql.forZone(zone);
		long[] lines = { -1 };
		withStaged(jobInstanceId, staged -> {
			CsvReportSql sql;
			if (inZone.isPresent()) {
				if (!staged.statusTimesWithin(CsvReportSql.FIRST_PRINTABLE_TIME, CsvReportSql.END_OF_PRINTABLE_TIMES)) {
					return;
				}
				sql = inZone.get();
			}
			else {
				if (staged.hasStatusTimes()) {
					return;
				}
				sql = CsvReportSql.withoutStatusTimes();
			}
			long copied = staged.copyLines(CsvReportSql.header(waves), rows -> sql.lines(rows, waves), file);
			if (copied == StagedReport.NOT_WITHIN_MEMORY) {
				log.info("The report is written line by line: its ordered copy did not fit the staging engine's memory"
						+ " limit (campaign.staging.memory-limit)");
				return;
			}
			lines[0] = copied;
			written.accept(lines[0]);
		});
		return lines[0] < 0 ? OptionalLong.empty() : OptionalLong.of(lines[0]);
	}

	/**
	 * One report line from a row of the staging's {@code GroupingSql.outcomes}; read by position, since a lookup by
	 * name per cell was a third of the report's time on a million rows.
	 */
	private static ReportLine line(ResultSet resultSet) throws SQLException {
		String campaignState = resultSet.getString(8);
		String entryStatus = resultSet.getString(7);
		DeviceOutcome outcome = DeviceOutcome.ofEntry(entryStatus, campaignState);
		// a device turned away by validation or grouping is in no wave; one taken out (by the pre-flight, or by amend) was
		String wave = "VALID".equals(entryStatus) || "REJECTED".equals(entryStatus) || "REMOVED".equals(entryStatus)
				? nullToEmpty(resultSet.getString(16)) : "";
		return new ReportLine(resultSet.getLong(1), resultSet.getString(2), resultSet.getString(3), resultSet.getString(4),
				resultSet.getString(5), resultSet.getString(6), outcome, nullToEmpty(resultSet.getString(9)),
				nullToEmpty(resultSet.getString(10)), nullToEmpty(resultSet.getString(11)),
				"SCHEDULED".equals(campaignState) ? nullToEmpty(resultSet.getString(12)) : "",
				nullToEmpty(resultSet.getString(13)), nullToEmpty(resultSet.getString(14)),
				instant(resultSet.getTimestamp(15)), wave);
	}

	/** Whether the job instance planned any campaign. */
	public boolean hasCampaigns(long jobInstanceId) {
		Integer rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM campaign WHERE job_instance_id = ?", Integer.class,
				jobInstanceId);
		return rows != null && rows > 0;
	}

	/** Whether the job instance rolls its campaigns out in waves: its report then has a {@code wave} column. */
	public boolean hasWaves(long jobInstanceId) {
		Integer rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM campaign WHERE job_instance_id = ? AND wave_no IS NOT NULL",
				Integer.class, jobInstanceId);
		return rows != null && rows > 0;
	}

	private static java.time.Instant instant(java.sql.Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	public void forEachCampaign(long jobInstanceId, Consumer<CampaignLine> consumer) {
		this.jdbc.query(CAMPAIGNS_SQL, resultSet -> {
			consumer.accept(new CampaignLine(resultSet.getString("name"), resultSet.getString("account"),
					resultSet.getString("file_name"), resultSet.getString("file_version"),
					resultSet.getDate("start_date").toString(), resultSet.getDate("end_date").toString(),
					resultSet.getInt("device_count"), resultSet.getString("state"),
					nullToEmpty(resultSet.getString("remote_id")), nullToEmpty(resultSet.getString("vendor_status")),
					nullToEmpty(resultSet.getString("error_code")), nullToEmpty(resultSet.getString("error_message"))));
		}, jobInstanceId);
	}

	/** Every campaign of the job instance with its devices counted by their status at ThingSpace, in input order. */
	public void forEachCampaignSummary(long jobInstanceId, Consumer<CampaignSummary> consumer) {
		this.jdbc.query("""
				SELECT c.name, c.account, c.file_name, c.file_version, c.start_date, c.end_date, c.remote_id, c.state,
					c.vendor_status, c.device_count, c.error_code, c.error_message,
					SUM(CASE WHEN v.device_status = 'UpgradeSuccess' THEN 1 ELSE 0 END) AS success,
					SUM(CASE WHEN v.device_status = 'UpgradeFailed' THEN 1 ELSE 0 END) AS failed,
					SUM(CASE WHEN v.device_status = 'DeviceRejected' THEN 1 ELSE 0 END) AS rejected,
					SUM(CASE WHEN v.device_status IN ('CampaignCancelled', 'CampaignAborted') THEN 1 ELSE 0 END) AS stopped
				FROM campaign c LEFT JOIN device_vendor_status v ON v.job_instance_id = c.job_instance_id
					AND v.campaign_id = c.id
				WHERE c.job_instance_id = ?
				GROUP BY c.id, c.name, c.account, c.file_name, c.file_version, c.start_date, c.end_date, c.remote_id,
					c.state, c.vendor_status, c.device_count, c.error_code, c.error_message, c.first_row_no, c.part_no
				ORDER BY c.first_row_no, c.part_no""", resultSet -> {
			boolean scheduled = "SCHEDULED".equals(resultSet.getString("state"));
			long devices = resultSet.getLong("device_count");
			long success = resultSet.getLong("success");
			long failed = resultSet.getLong("failed");
			long rejected = resultSet.getLong("rejected");
			long stopped = resultSet.getLong("stopped");
			long pending = scheduled ? Math.max(0, devices - success - failed - rejected - stopped) : 0;
			consumer.accept(new CampaignSummary(resultSet.getString("name"), resultSet.getString("account"),
					resultSet.getString("file_name"), resultSet.getString("file_version"),
					resultSet.getDate("start_date").toLocalDate(), resultSet.getDate("end_date").toLocalDate(),
					nullToEmpty(resultSet.getString("remote_id")), resultSet.getString("state"),
					nullToEmpty(resultSet.getString("vendor_status")), devices, success, failed, rejected, stopped, pending,
					scheduled ? 0 : devices, nullToEmpty(resultSet.getString("error_code")),
					nullToEmpty(resultSet.getString("error_message"))));
		}, jobInstanceId);
	}

	/** How many devices ended in each outcome; every outcome is present, zero or not. */
	public Map<DeviceOutcome, Long> outcomeCounts(long jobInstanceId) {
		Map<DeviceOutcome, Long> counts = noOutcomes();
		withStaged(jobInstanceId, false, staged -> countOutcomes(staged, counts));
		return counts;
	}

	private static Map<DeviceOutcome, Long> noOutcomes() {
		Map<DeviceOutcome, Long> counts = new EnumMap<>(DeviceOutcome.class);
		for (DeviceOutcome outcome : DeviceOutcome.values()) {
			counts.put(outcome, 0L);
		}
		return counts;
	}

	private static void countOutcomes(StagedReport staged, Map<DeviceOutcome, Long> counts) throws SQLException {
		staged.outcomeCounts(resultSet -> {
			String entryStatus = resultSet.getString(1);
			String state = resultSet.getString(2);
			counts.merge(DeviceOutcome.ofEntry(entryStatus, state), resultSet.getLong(3), Long::sum);
		});
	}

	/**
	 * How many devices validation and grouping turned away, per outcome (INVALID, DUPLICATE, CONFLICT; those with
	 * none left out): what {@link #outcomeCounts} says of them, read with no copy of the ledger.
	 */
	public Map<DeviceOutcome, Long> turnedAwayCounts(long jobInstanceId) {
		Map<DeviceOutcome, Long> counts = new EnumMap<>(DeviceOutcome.class);
		withStagedFile(jobInstanceId, staged -> staged.turnedAwayCounts(
				resultSet -> counts.put(DeviceOutcome.ofEntry(resultSet.getString(1), null), resultSet.getLong(2))));
		return counts;
	}

	/** How many input rows (blank rows aside) were staged, over every execution of the job instance. */
	public long rowCount(long jobInstanceId) {
		long[] rows = { 0 };
		withStagedFile(jobInstanceId, staged -> rows[0] = staged.rowCount());
		return rows[0];
	}

	/** How many devices were rejected by validation or grouping, per error code, most frequent first. */
	public Map<String, Long> rejectionsByCode(long jobInstanceId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		withStagedFile(jobInstanceId, staged -> countRejections(staged, counts));
		return counts;
	}

	private static void countRejections(StagedReport staged, Map<String, Long> counts) throws SQLException {
		staged.rejectionsByCode(resultSet -> counts.put(resultSet.getString(1), resultSet.getLong(2)));
	}

	/**
	 * {@link #outcomeCounts}, {@link #rejectionsByCode} and {@link #rowCount} at once: the staging file opened once,
	 * the ledger copied into it once.
	 */
	public DeviceCounts deviceCounts(long jobInstanceId) {
		Map<DeviceOutcome, Long> outcomes = noOutcomes();
		Map<String, Long> rejections = new LinkedHashMap<>();
		long[] rows = { 0 };
		withStaged(jobInstanceId, false, staged -> {
			countOutcomes(staged, outcomes);
			countRejections(staged, rejections);
			rows[0] = staged.rowCount();
		});
		return new DeviceCounts(outcomes, rejections, rows[0]);
	}

	/**
	 * A job instance's devices counted: per outcome (every outcome present), rejected per error code (most frequent
	 * first), and the input rows staged.
	 */
	public record DeviceCounts(Map<DeviceOutcome, Long> outcomes, Map<String, Long> rejectionsByCode, long rowCount) {
	}

	/**
	 * What one execution did to the ledger: devices per campaign state, over the campaigns whose last change falls
	 * between {@code from} and {@code to} (the execution's run). A campaign changed again by a later execution counts
	 * for the later one.
	 */
	public Map<String, Long> devicesChangedBetween(long jobInstanceId, LocalDateTime from, LocalDateTime to) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT state, SUM(device_count) FROM campaign
				WHERE job_instance_id = ? AND updated_at >= ? AND updated_at <= ?
				GROUP BY state ORDER BY state""",
				resultSet -> {
					counts.put(resultSet.getString(1), resultSet.getLong(2));
				}, jobInstanceId, Timestamp.valueOf(from), Timestamp.valueOf(to));
		return counts;
	}

	private static String nullToEmpty(String text) {
		return text == null ? "" : text;
	}
}
