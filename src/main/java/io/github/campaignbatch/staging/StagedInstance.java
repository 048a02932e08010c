package io.github.campaignbatch.staging;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import io.github.campaignbatch.campaign.RolloutPolicy;
import io.github.campaignbatch.campaign.Schedule;
import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.Problem;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The staged devices of one job instance: a DuckDB file of its own (see docs/architecture.md, "Staging"). Narrow
 * rows: each distinct campaign definition is stored once in {@code definition}, and a device row holds its row,
 * its position in the row, its IMEI, its definition's number and its outcome. Grouping runs in DuckDB with
 * window functions over the whole input; its result is the table {@code entry}, addressed by (row_no, seq).
 * <p>
 * Not thread-safe: one step uses it at a time.
 */
public final class StagedInstance implements AutoCloseable {

	/** Bumped when the layout of the file changes; a file of another format is staged again, never read. */
	static final int FORMAT = 1;

	private static final int MAX_MESSAGE_LENGTH = 1000;

	private static final String SCHEMA = """
			CREATE TABLE staging_info (format INTEGER NOT NULL, job_instance_id BIGINT NOT NULL);
			CREATE TABLE definition (def_id INTEGER NOT NULL, account VARCHAR, campaign_name VARCHAR, file_name VARCHAR,
				file_version VARCHAR, distribution_type VARCHAR, start_date DATE, end_date DATE, download_after_date DATE,
				install_after_date DATE, download_windows VARCHAR, install_windows VARCHAR, campaign_key VARCHAR,
				schedule_sig VARCHAR);
			CREATE TABLE device (row_no BIGINT NOT NULL, seq INTEGER NOT NULL, imei VARCHAR NOT NULL, def_id INTEGER NOT NULL,
				status VARCHAR NOT NULL, error_code VARCHAR, error_message VARCHAR);
			""";

	private final DuckDBConnection connection;

	private final Path file;

	private StagedDefinitions definitions;

	private DuckDBAppender devices;

	private DuckDBAppender newDefinitions;

	private StagedInstance(DuckDBConnection connection, Path file) {
		this.connection = connection;
		this.file = file;
	}

	static StagedInstance open(Path file, StagingSettings settings) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("memory_limit", settings.memoryLimit());
		properties.setProperty("threads", Integer.toString(settings.threads()));
		properties.setProperty("temp_directory", file.resolveSibling("tmp").toString());
		// bounded memory: keep row order only where a query asks for it (ORDER BY), and stream results
		properties.setProperty("preserve_insertion_order", "false");
		properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
		Connection connection;
		try {
			connection = new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), properties);
		}
		catch (LinkageError ex) {
			Throwable cause = EngineWarmUp.failure() != null ? EngineWarmUp.failure() : ex;
			throw new SQLException("cannot load the staging engine (DuckDB's native library): " + cause, cause);
		}
		return new StagedInstance((DuckDBConnection) connection, file);
	}

	/** A fresh file: creates the tables. */
	void create(long jobInstanceId) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(SCHEMA);
			statement.execute("INSERT INTO staging_info VALUES (" + FORMAT + ", " + jobInstanceId + ")");
		}
	}

	/** Whether this file was made by this version of the layout, for this job instance. */
	boolean isFormatOf(long jobInstanceId) throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT format, job_instance_id FROM staging_info")) {
			return rows.next() && rows.getInt(1) == FORMAT && rows.getLong(2) == jobInstanceId;
		}
		catch (SQLException noTable) {
			return false;
		}
	}

	Path file() {
		return this.file;
	}

	// ---- load ----

	/** Appends validated entries, each device once, in the order given; {@link #commit} makes them durable. */
	public void append(List<DeviceEntry> entries) throws SQLException {
		if (this.devices == null) {
			this.definitions = new StagedDefinitions(nextDefinitionId());
			this.devices = this.connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "device");
			this.newDefinitions = this.connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "definition");
		}
		for (DeviceEntry entry : entries) {
			int definition = this.definitions.idOf(StagedDefinitions.Definition.of(entry), this::appendDefinition);
			Problem problem = entry.problem();
			this.devices.beginRow()
				.append(entry.rowNumber())
				.append(entry.seqInRow())
				.append(entry.imei())
				.append(definition)
				.append(entry.status().name());
			if (problem == null) {
				this.devices.appendNull().appendNull();
			}
			else {
				this.devices.append(problem.code().name()).append(clip(problem.message()));
			}
			this.devices.endRow();
		}
	}

	private void appendDefinition(int id, StagedDefinitions.Definition definition) throws SQLException {
		Schedule schedule = definition.schedule();
		DuckDBAppender row = this.newDefinitions.beginRow()
			.append(id)
			.append(definition.account())
			.append(definition.campaignName())
			.append(definition.fileName())
			.append(definition.fileVersion());
		if (schedule == null) {
			for (int i = 0; i < 7; i++) {
				row.appendNull();
			}
			row.appendNull().appendNull();
		}
		else {
			row.append(schedule.distributionType());
			appendDate(row, schedule.startDate());
			appendDate(row, schedule.endDate());
			appendDate(row, schedule.downloadAfterDate());
			appendDate(row, schedule.installAfterDate());
			row.append(TimeWindow.format(schedule.downloadTimeWindows()));
			row.append(TimeWindow.format(schedule.installTimeWindows()));
			row.append(definition.campaignKey());
			row.append(schedule.signature());
		}
		row.endRow();
	}

	private static void appendDate(DuckDBAppender row, LocalDate date) throws SQLException {
		if (date == null) {
			row.appendNull();
		}
		else {
			row.append(date);
		}
	}

	private int nextDefinitionId() throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(def_id), 0) + 1 FROM definition")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/** Makes everything appended so far durable (DuckDB's write-ahead log). */
	public void commit() throws SQLException {
		if (this.devices != null) {
			// definitions first: a device row never refers to a definition that is not stored
			this.newDefinitions.flush();
			this.devices.flush();
		}
	}

	// ---- group ----

	/**
	 * Groups the staged devices (the rules are listed in {@link StagingStore}); the result replaces any earlier
	 * grouping, so a grouping interrupted by a crash is simply done again.
	 *
	 * @param campaigns receives each campaign part to plan, in no particular order
	 * @param phase receives the name of each phase as it starts, for progress lines
	 */
	public void group(int maxDevicesPerCampaign, Consumer<PlannedCampaign> campaigns, Consumer<String> phase)
			throws SQLException {
		group(maxDevicesPerCampaign, RolloutPolicy.NONE, campaigns, phase);
	}

	/**
	 * Groups as {@link #group(int, Consumer, Consumer)} does and, with a rollout policy, splits each campaign into its
	 * waves first (its devices in input order), then each wave into parts.
	 */
	public void group(int maxDevicesPerCampaign, RolloutPolicy rollout, Consumer<PlannedCampaign> campaigns,
			Consumer<String> phase) throws SQLException {
		if (maxDevicesPerCampaign < 1) {
			throw new IllegalArgumentException("maxDevicesPerCampaign must be at least 1");
		}
		commit();
		try (Statement statement = this.connection.createStatement()) {
			phase.accept("first row of each campaign");
			statement.execute(GroupingSql.VALID);
			statement.execute(GroupingSql.FIRST_ROWS);
			phase.accept("conflicting schedules");
			statement.execute(GroupingSql.MARKED);
			phase.accept("duplicate devices");
			statement.execute(GroupingSql.DUPLICATES);
			phase.accept("devices in overlapping campaigns");
			statement.execute(GroupingSql.OVERLAPPING);
			statement.execute(GroupingSql.WAVES);
			if (rollout.isNone()) {
				phase.accept("splitting campaigns above " + maxDevicesPerCampaign + " devices");
				statement.execute(GroupingSql.parted(maxDevicesPerCampaign));
			}
			else {
				phase.accept("planning waves (" + rollout.describe() + ") and splitting them above "
						+ maxDevicesPerCampaign + " devices");
				planWaves(rollout, maxDevicesPerCampaign);
				statement.execute(GroupingSql.waved(maxDevicesPerCampaign));
			}
			statement.execute(GroupingSql.ENTRY);
			statement.execute(GroupingSql.PLANNED);
			phase.accept(CampaignPlanning.LEDGER_PHASE);
			// two streams in the same order, on two connections (a DuckDB connection streams one result at a time)
			try (DuckDBConnection devicesConnection = (DuckDBConnection) this.connection.duplicate();
					Statement devicesStatement = devicesConnection.createStatement();
					ResultSet devices = devicesStatement.executeQuery(GroupingSql.PART_DEVICES);
					ResultSet rows = statement.executeQuery(GroupingSql.CAMPAIGNS)) {
				while (rows.next()) {
					String campaignKey = rows.getString("campaign_key");
					int partNo = rows.getInt("part_no");
					int deviceCount = rows.getInt("device_count");
					// the part's devices are the next deviceCount rows: only its first and last are checked against
					// the part (a key read per device would be a String per device, millions on a large input)
					StringBuilder imeis = new StringBuilder(deviceCount * 16);
					for (int i = 0; i < deviceCount; i++) {
						if (!devices.next() || ((i == 0 || i == deviceCount - 1) && !isOfPart(devices, campaignKey, partNo))) {
							throw new SQLException("grouping is inconsistent: campaign part " + campaignKey + "/" + partNo
									+ " counts " + deviceCount + " devices but its device list differs");
						}
						if (i > 0) {
							imeis.append(',');
						}
						imeis.append(devices.getString(3));
					}
					campaigns.accept(new PlannedCampaign(campaignKey, partNo,
							rows.getInt("part_count"), rows.getString("campaign_name"), rows.getString("account"),
							rows.getString("file_name"), rows.getString("file_version"), rows.getString("distribution_type"),
							rows.getObject("start_date", LocalDate.class), rows.getObject("end_date", LocalDate.class),
							rows.getObject("download_after_date", LocalDate.class),
							rows.getObject("install_after_date", LocalDate.class), rows.getString("download_windows"),
							rows.getString("install_windows"), rows.getString("schedule_sig"), rows.getLong("first_row_no"),
							deviceCount, imeis.toString(), wave(rows)));
				}
				if (devices.next()) {
					throw new SQLException("grouping is inconsistent: a device is in no planned campaign part");
				}
			}
			statement.execute(GroupingSql.DROP_WORK_TABLES);
		}
	}

	/** Each campaign's waves, from its device count, into {@code g_waves}. */
	private void planWaves(RolloutPolicy rollout, int maxDevicesPerCampaign) throws SQLException {
		List<Object[]> waves = new ArrayList<>();
		query(GroupingSql.DEVICES_PER_CAMPAIGN, row -> {
			String campaignKey = row.getString(1);
			List<Integer> sizes = rollout.waveSizes(row.getInt(2));
			long after = 0;
			int firstPart = 1;
			for (int i = 0; i < sizes.size(); i++) {
				int parts = (sizes.get(i) + maxDevicesPerCampaign - 1) / maxDevicesPerCampaign;
				waves.add(new Object[] { campaignKey, i + 1, sizes.size(), after, after + sizes.get(i), firstPart, parts });
				after += sizes.get(i);
				firstPart += parts;
			}
		});
		this.<Object[]>appendAll("g_waves", waves::forEach, (row, wave) -> row.append((String) wave[0])
			.append((int) wave[1])
			.append((int) wave[2])
			.append((long) wave[3])
			.append((long) wave[4])
			.append((int) wave[5])
			.append((int) wave[6]));
	}

	/** The part's wave, or {@code null} outside a rollout. */
	private static PlannedCampaign.Wave wave(ResultSet rows) throws SQLException {
		int waveNo = rows.getInt("wave_no");
		if (rows.wasNull()) {
			return null;
		}
		return new PlannedCampaign.Wave(waveNo, rows.getInt("wave_count"), rows.getInt("part_in_wave"),
				rows.getInt("wave_parts"));
	}

	private static boolean isOfPart(ResultSet device, String campaignKey, int partNo) throws SQLException {
		return device.getInt(2) == partNo && campaignKey.equals(device.getString(1));
	}

	// ---- pre-flight ----

	/**
	 * Marks devices that were taken out of their campaign part before it was sent (the pre-flight check): each
	 * becomes REJECTED with its code and message, so the report states why it was not sent. Repeating it is harmless.
	 */
	public void rejectDevices(List<TakenOutDevice> devices) throws SQLException {
		if (devices.isEmpty()) {
			return;
		}
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("""
					CREATE OR REPLACE TABLE taken_out (campaign_key VARCHAR, part_no INTEGER, imei VARCHAR,
						error_code VARCHAR, error_message VARCHAR)""");
		}
		this.<TakenOutDevice>appendAll("taken_out", devices::forEach, (row, device) -> {
			row.append(device.campaignKey()).append(device.partNo()).append(device.imei());
			row.append(device.errorCode()).append(clip(device.errorMessage()));
		});
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("""
					UPDATE entry SET status = 'REJECTED', error_code = t.error_code, error_message = t.error_message
					FROM taken_out t, definition f
					WHERE f.def_id = entry.def_id AND f.campaign_key = t.campaign_key AND entry.part_no = t.part_no
						AND entry.imei = t.imei AND entry.status = 'VALID';
					DROP TABLE taken_out;
					CHECKPOINT""");
		}
	}

	// ---- report ----

	/**
	 * Copies the ledger's outcome of each campaign part, the vendor's status of each tracked device, and the devices
	 * {@code amend} added and removed, into the file, so that the report joins them in DuckDB (ordered and spilled
	 * there, not in the Java heap).
	 */
	public void replaceLedger(Consumer<Consumer<LedgerOutcome>> outcomes, Consumer<Consumer<DeviceStatus>> statuses,
			Consumer<Consumer<AmendedDevice>> amended) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("""
					CREATE OR REPLACE TABLE ledger (id BIGINT, campaign_key VARCHAR, part_no INTEGER, name VARCHAR,
						state VARCHAR, remote_id VARCHAR, vendor_status VARCHAR, error_code VARCHAR, error_message VARCHAR,
						account VARCHAR, file_name VARCHAR, file_version VARCHAR, wave_no INTEGER);
					CREATE OR REPLACE TABLE vendor_device (campaign_id BIGINT, imei VARCHAR, device_status VARCHAR,
						result_reason VARCHAR, status_at TIMESTAMP);
					CREATE OR REPLACE TABLE amended (campaign_id BIGINT, imei VARCHAR, removed BOOLEAN, added BOOLEAN)""");
		}
		appendAll("ledger", outcomes, (row, outcome) -> {
			row.append(outcome.id()).append(outcome.campaignKey()).append(outcome.partNo()).append(outcome.name());
			appendText(row, outcome.state());
			appendText(row, outcome.remoteId());
			appendText(row, outcome.vendorStatus());
			appendText(row, outcome.errorCode());
			appendText(row, outcome.errorMessage());
			appendText(row, outcome.account());
			appendText(row, outcome.fileName());
			appendText(row, outcome.fileVersion());
			if (outcome.waveNo() == null) {
				row.appendNull();
			}
			else {
				row.append(outcome.waveNo().intValue());
			}
		});
		appendAll("amended", amended, (row, device) -> row.append(device.campaignId()).append(device.imei())
			.append(device.removed()).append(device.added()));
		appendAll("vendor_device", statuses, (row, status) -> {
			row.append(status.campaignId()).append(status.imei());
			appendText(row, status.deviceStatus());
			appendText(row, status.resultReason());
			if (status.statusAt() == null) {
				row.appendNull();
			}
			else {
				row.append(status.statusAt());
			}
		});
	}

	private <T> void appendAll(String table, Consumer<Consumer<T>> source, RowAppender<T> appender) throws SQLException {
		try (DuckDBAppender rows = this.connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
			SQLException[] failure = { null };
			source.accept(item -> {
				if (failure[0] != null) {
					return;
				}
				try {
					rows.beginRow();
					appender.append(rows, item);
					rows.endRow();
				}
				catch (SQLException ex) {
					failure[0] = ex;
				}
			});
			if (failure[0] != null) {
				throw failure[0];
			}
		}
	}

	@FunctionalInterface
	private interface RowAppender<T> {

		void append(DuckDBAppender row, T item) throws SQLException;
	}

	private static void appendText(DuckDBAppender row, String text) throws SQLException {
		if (text == null) {
			row.appendNull();
		}
		else {
			row.append(text);
		}
	}

	/** Each device with its outcome, in input order; the ledger copy must be fresh ({@link #replaceLedger}). */
	public void forEachOutcome(RowHandler handler) throws SQLException {
		query(GroupingSql.outcomes(hasTable("entry")), handler);
	}

	/** Devices per (validation status, campaign state): status and state, then the count. */
	public void outcomeCounts(RowHandler handler) throws SQLException {
		query(GroupingSql.outcomeCounts(hasTable("entry")), handler);
	}

	public void rejectionsByCode(RowHandler handler) throws SQLException {
		query(GroupingSql.rejections(hasTable("entry")), handler);
	}

	public long rowCount() throws SQLException {
		try (Statement statement = this.connection.createStatement();
				// a grouped count, not COUNT(DISTINCT): DuckDB keeps a distinct aggregate's set in memory, a GROUP BY spills
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM (SELECT row_no FROM device GROUP BY row_no)")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/**
	 * A read-only query over the staging tables ({@code definition}, {@code device}, and after grouping
	 * {@code entry}, whose rows are addressed by {@code row_no, seq}).
	 */
	public void query(String sql, RowHandler handler) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				handler.handle(rows);
			}
		}
	}

	boolean hasTable(String name) throws SQLException {
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT COUNT(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary")) {
			statement.setString(1, name);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1) > 0;
			}
		}
	}

	@Override
	public void close() throws SQLException {
		try {
			if (this.devices != null) {
				this.newDefinitions.close();
				this.devices.close();
			}
		}
		finally {
			this.connection.close();
		}
	}

	private static String clip(String message) {
		return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
	}

	/** One result row at a time. */
	@FunctionalInterface
	public interface RowHandler {

		void handle(ResultSet row) throws SQLException;
	}

	/** A device taken out of its campaign part before the part was sent, and why. */
	public record TakenOutDevice(String campaignKey, int partNo, String imei, String errorCode, String errorMessage) {
	}

	/** A campaign's outcome in the ledger, as the report shows it. */
	public record LedgerOutcome(long id, String campaignKey, int partNo, String name, String state, String remoteId,
			String vendorStatus, String errorCode, String errorMessage, String account, String fileName,
			String fileVersion, Integer waveNo) {
	}

	/**
	 * A device {@code amend} changed in a scheduled campaign: taken out by the last change that took effect
	 * ({@code removed}), and not an input device of the campaign but added by amend ({@code added}).
	 */
	public record AmendedDevice(long campaignId, String imei, boolean removed, boolean added) {
	}

	/** Where one device of a scheduled campaign stands at the vendor, as {@code track} last read it. */
	public record DeviceStatus(long campaignId, String imei, String deviceStatus, String resultReason,
			java.time.LocalDateTime statusAt) {
	}
}
