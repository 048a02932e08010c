package io.github.campaignbatch.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.campaignbatch.staging.StagedInstance;
import io.github.campaignbatch.staging.StagedReport;
import io.github.campaignbatch.staging.StagingException;
import io.github.campaignbatch.staging.StagingStore;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the outcome of every device entry of a job instance, in input order, streaming: from the instance's
 * staging file, joined there with a copy of the ledger's campaign outcomes. An instance without a staging file (its
 * rows let go, see {@code Retention}) has no device lines; its campaigns are still read from the ledger.
 */
public class ResultsRepository {

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
		StagedInstance staged = this.staging.open(jobInstanceId);
		if (staged == null) {
			return false;
		}
		try (staged) {
			StagedReport report = new StagedReport(staged);
			report.replaceLedger(outcome -> this.jdbc.query(LEDGER_OUTCOMES_SQL, resultSet -> {
				int waveNo = resultSet.getInt(13);
				Integer wave = resultSet.wasNull() ? null : waveNo;
				outcome.accept(new StagedReport.LedgerOutcome(resultSet.getLong(1), resultSet.getString(2),
						resultSet.getInt(3), resultSet.getString(4), resultSet.getString(5), resultSet.getString(6),
						resultSet.getString(7), resultSet.getString(8), resultSet.getString(9), resultSet.getString(10),
						resultSet.getString(11), resultSet.getString(12), wave));
			}, jobInstanceId), status -> this.jdbc.query(DEVICE_STATUSES_SQL, resultSet -> {
				java.sql.Timestamp at = resultSet.getTimestamp(5);
				status.accept(new StagedReport.DeviceStatus(resultSet.getLong(1), resultSet.getString(2),
						resultSet.getString(3), resultSet.getString(4), at == null ? null : at.toLocalDateTime()));
			}, jobInstanceId), amended -> amendedDevices(jobInstanceId).forEach(amended));
			work.run(report);
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
		Map<DeviceOutcome, Long> counts = new EnumMap<>(DeviceOutcome.class);
		for (DeviceOutcome outcome : DeviceOutcome.values()) {
			counts.put(outcome, 0L);
		}
		withStaged(jobInstanceId, instance -> instance.outcomeCounts(resultSet -> {
			String entryStatus = resultSet.getString(1);
			String state = resultSet.getString(2);
			counts.merge(DeviceOutcome.ofEntry(entryStatus, state), resultSet.getLong(3), Long::sum);
		}));
		return counts;
	}

	/** How many input rows (blank rows aside) were staged, over every execution of the job instance. */
	public long rowCount(long jobInstanceId) {
		StagedInstance instance = this.staging.open(jobInstanceId);
		if (instance != null) {
			try (instance) {
				return new StagedReport(instance).rowCount();
			}
			catch (SQLException ex) {
				throw new StagingException("cannot read the staging file of job instance " + jobInstanceId + ": "
						+ ex.getMessage(), ex);
			}
		}
		return 0;
	}

	/** How many devices were rejected by validation or grouping, per error code, most frequent first. */
	public Map<String, Long> rejectionsByCode(long jobInstanceId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		withStaged(jobInstanceId,
				instance -> instance.rejectionsByCode(resultSet -> counts.put(resultSet.getString(1), resultSet.getLong(2))));
		return counts;
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
