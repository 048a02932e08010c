package io.github.campaignbatch.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the outcome of every device entry of a job instance, in input order, streaming: from the instance's
 * staging file, joined there with a copy of the ledger's campaign outcomes, or, for an instance staged by a
 * version before the staging files, from the job database's {@code device_entry} table.
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

	private static final String OUTCOME_SQL = """
			SELECT e.row_no, e.imei, e.account, COALESCE(c.name, e.campaign_name) AS campaign_name, e.file_name,
				e.file_version, e.status, c.state, c.remote_id, COALESCE(e.error_code, c.error_code) AS error_code,
				COALESCE(e.error_message, c.error_message) AS error_message, c.vendor_status, v.device_status,
				v.result_reason, v.status_at, c.wave_no
			FROM device_entry e LEFT JOIN campaign c ON c.job_instance_id = e.job_instance_id
				AND c.campaign_key = e.campaign_key AND c.part_no = e.part_no
			LEFT JOIN device_vendor_status v ON v.job_instance_id = e.job_instance_id AND v.campaign_id = c.id
				AND v.imei = e.imei AND e.status = 'VALID'
			WHERE e.job_instance_id = ?
			ORDER BY e.row_no, e.seq_in_row""";

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
	 * Streams every line of the report, in row order, without holding them. On H2 the query runs lazily (row by
	 * row through the row-order index) on one connection: otherwise H2 builds the whole result first, spilling
	 * it to a temporary file past a few thousand rows, before the first line is written.
	 */
	public void forEachLine(long jobInstanceId, Consumer<ReportLine> consumer) {
		if (withStaged(jobInstanceId, staged -> staged.forEachOutcome(row -> consumer.accept(line(row))))) {
			return;
		}
		this.jdbc.execute((ConnectionCallback<Void>) connection -> {
			boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
			if (h2) {
				setLazy(connection, true);
			}
			try (PreparedStatement statement = connection.prepareStatement(OUTCOME_SQL)) {
				statement.setFetchSize(FETCH_SIZE);
				statement.setLong(1, jobInstanceId);
				try (ResultSet resultSet = statement.executeQuery()) {
					while (resultSet.next()) {
						consumer.accept(line(resultSet));
					}
				}
			}
			finally {
				if (h2) {
					setLazy(connection, false);
				}
			}
			return null;
		});
	}

	private static void setLazy(Connection connection, boolean lazy) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET LAZY_QUERY_EXECUTION " + (lazy ? "TRUE" : "FALSE"));
		}
	}

	/**
	 * One report line from a row of {@link #OUTCOME_SQL} or the staging's {@code GroupingSql.outcomes}, which
	 * select the same columns in the same order; read by position, since a lookup by name per cell was a third of
	 * the report's time on a million rows.
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
		boolean staged = withStaged(jobInstanceId, instance -> instance.outcomeCounts(resultSet -> {
			String entryStatus = resultSet.getString(1);
			String state = resultSet.getString(2);
			counts.merge(DeviceOutcome.ofEntry(entryStatus, state), resultSet.getLong(3), Long::sum);
		}));
		if (staged) {
			return counts;
		}
		this.jdbc.query("""
				SELECT e.status, c.state, COUNT(*) AS n FROM device_entry e LEFT JOIN campaign c
					ON c.job_instance_id = e.job_instance_id AND c.campaign_key = e.campaign_key AND c.part_no = e.part_no
				WHERE e.job_instance_id = ? GROUP BY e.status, c.state""", resultSet -> {
			counts.merge(DeviceOutcome.ofEntry(resultSet.getString(1), resultSet.getString(2)), resultSet.getLong(3), Long::sum);
		}, jobInstanceId);
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
		Long rows = this.jdbc.queryForObject("SELECT COUNT(DISTINCT row_no) FROM device_entry WHERE job_instance_id = ?",
				Long.class, jobInstanceId);
		return rows == null ? 0 : rows;
	}

	/** How many devices were rejected by validation or grouping, per error code, most frequent first. */
	public Map<String, Long> rejectionsByCode(long jobInstanceId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		boolean staged = withStaged(jobInstanceId,
				instance -> instance.rejectionsByCode(resultSet -> counts.put(resultSet.getString(1), resultSet.getLong(2))));
		if (staged) {
			return counts;
		}
		this.jdbc.query("""
				SELECT error_code, COUNT(*) AS n FROM device_entry WHERE job_instance_id = ? AND status <> 'VALID'
				GROUP BY error_code ORDER BY n DESC, error_code""",
				resultSet -> {
					counts.put(resultSet.getString(1), resultSet.getLong(2));
				}, jobInstanceId);
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
