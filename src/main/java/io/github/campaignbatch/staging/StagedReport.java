package io.github.campaignbatch.staging;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The report's part of a staging file: a fresh copy of the ledger's outcomes, the vendor's device statuses and
 * amend's changes goes into the file ({@link #replaceLedger}), and the report's queries join them with each staged
 * device there, in DuckDB (ordered and spilled there, not in the Java heap).
 */
public final class StagedReport {

	/**
	 * What {@link #copyLines} returns when the ordered copy did not fit DuckDB's memory limit (about 10M devices
	 * in 256 MB): the file is then incomplete, and the caller writes it another way.
	 */
	public static final long NOT_WITHIN_MEMORY = -1;

	/** How DuckDB's error says that its memory limit was reached. */
	private static final String OUT_OF_MEMORY = "Out of Memory Error";

	private final StagedInstance staged;

	public StagedReport(StagedInstance staged) {
		this.staged = staged;
	}

	/**
	 * Copies the ledger's outcome of each campaign part, the vendor's status of each tracked device, and the devices
	 * {@code amend} added and removed, into the file, so that the report joins them in DuckDB (ordered and spilled
	 * there, not in the Java heap).
	 */
	public void replaceLedger(Consumer<Consumer<LedgerOutcome>> outcomes, Consumer<Consumer<DeviceStatus>> statuses,
			Consumer<Consumer<AmendedDevice>> amended) throws SQLException {
		try (Statement statement = this.staged.connection().createStatement()) {
			statement.execute("""
					CREATE OR REPLACE TABLE ledger (id BIGINT, campaign_key VARCHAR, part_no INTEGER, name VARCHAR,
						state VARCHAR, remote_id VARCHAR, vendor_status VARCHAR, error_code VARCHAR, error_message VARCHAR,
						account VARCHAR, file_name VARCHAR, file_version VARCHAR, wave_no INTEGER);
					CREATE OR REPLACE TABLE vendor_device (campaign_id BIGINT, imei VARCHAR, device_status VARCHAR,
						result_reason VARCHAR, status_at TIMESTAMP);
					CREATE OR REPLACE TABLE amended (campaign_id BIGINT, imei VARCHAR, removed BOOLEAN, added BOOLEAN)""");
		}
		this.staged.appendAll("ledger", outcomes, (row, outcome) -> {
			row.append(outcome.id()).append(outcome.campaignKey()).append(outcome.partNo()).append(outcome.name());
			StagedInstance.appendText(row, outcome.state());
			StagedInstance.appendText(row, outcome.remoteId());
			StagedInstance.appendText(row, outcome.vendorStatus());
			StagedInstance.appendText(row, outcome.errorCode());
			StagedInstance.appendText(row, outcome.errorMessage());
			StagedInstance.appendText(row, outcome.account());
			StagedInstance.appendText(row, outcome.fileName());
			StagedInstance.appendText(row, outcome.fileVersion());
			if (outcome.waveNo() == null) {
				row.appendNull();
			}
			else {
				row.append(outcome.waveNo().intValue());
			}
		});
		this.staged.appendAll("amended", amended, (row, device) -> row.append(device.campaignId()).append(device.imei())
			.append(device.removed()).append(device.added()));
		this.staged.appendAll("vendor_device", statuses, (row, status) -> {
			row.append(status.campaignId()).append(status.imei());
			StagedInstance.appendText(row, status.deviceStatus());
			StagedInstance.appendText(row, status.resultReason());
			if (status.statusAt() == null) {
				row.appendNull();
			}
			else {
				row.append(status.statusAt());
			}
		});
	}

	/** Each device with its outcome, in input order; the ledger copy must be fresh ({@link #replaceLedger}). */
	public void forEachOutcome(StagedInstance.RowHandler handler) throws SQLException {
		this.staged.query(GroupingSql.outcomes(this.staged.hasTable("entry")), handler);
	}

	/**
	 * Writes the report's lines into {@code file} from DuckDB itself, in the report's order, and returns how many
	 * rows it wrote after the header, or {@link #NOT_WITHIN_MEMORY}; the ledger copy must be fresh
	 * ({@link #replaceLedger}).
	 * @param header the first line, as it is
	 * @param lines the query giving each row's line ({@code line}) and its sort keys, from the outcome rows' query
	 */
	public long copyLines(String header, UnaryOperator<String> lines, Path file) throws SQLException {
		String query = "SELECT line FROM (SELECT 0 AS body, 0 AS added, 0 AS row_no, 0 AS seq, '' AS imei, "
				+ StagedInstance.literal(header) + " AS line UNION ALL SELECT 1, added, row_no, seq, imei, line FROM ("
				+ lines.apply(GroupingSql.outcomeRows(this.staged.hasTable("entry"))) + ")) ORDER BY body, "
				+ GroupingSql.OUTCOME_ORDER;
		// the file's lines are the query's rows as they are: no quoting of DuckDB's own (the line is quoted cell by
		// cell), no temporary file beside it and no compression guessed from its name
		String copy = "COPY (" + query + ") TO " + StagedInstance.literal(file.toAbsolutePath().toString())
				+ " (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', COMPRESSION 'none', USE_TMP_FILE false)";
		try {
			// the header is the first of the rows copied
			return this.staged.executeInInsertionOrder(copy) - 1;
		}
		catch (SQLException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains(OUT_OF_MEMORY)) {
				// an ordered copy keeps more in memory than an ordered read: millions of lines may not fit the limit
				return NOT_WITHIN_MEMORY;
			}
			throw ex;
		}
	}

	/** Whether any device status copied from the ledger has a time ({@code track} has read the device). */
	public boolean hasStatusTimes() throws SQLException {
		try (Statement statement = this.staged.connection().createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM vendor_device WHERE status_at IS NOT NULL")) {
			rows.next();
			return rows.getLong(1) > 0;
		}
	}

	/** Whether every device status time copied from the ledger lies in {@code [from, to)}. */
	public boolean statusTimesWithin(LocalDateTime from, LocalDateTime to) throws SQLException {
		try (PreparedStatement statement = this.staged.connection()
			.prepareStatement("SELECT COUNT(*) FROM vendor_device WHERE status_at < ? OR status_at >= ?")) {
			statement.setObject(1, from);
			statement.setObject(2, to);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1) == 0;
			}
		}
	}

	/** Devices per (validation status, campaign state): status and state, then the count. */
	public void outcomeCounts(StagedInstance.RowHandler handler) throws SQLException {
		this.staged.query(GroupingSql.outcomeCounts(this.staged.hasTable("entry")), handler);
	}

	/**
	 * Devices per validation or grouping status, those turned away only (not VALID): status, then the count. Needs
	 * no ledger copy: a device turned away has that outcome whatever its campaign became.
	 */
	public void turnedAwayCounts(StagedInstance.RowHandler handler) throws SQLException {
		this.staged.query("SELECT status, COUNT(*) FROM " + GroupingSql.entries(this.staged.hasTable("entry"))
				+ " e WHERE status <> 'VALID' GROUP BY status", handler);
	}

	public void rejectionsByCode(StagedInstance.RowHandler handler) throws SQLException {
		this.staged.query(GroupingSql.rejections(this.staged.hasTable("entry")), handler);
	}

	public long rowCount() throws SQLException {
		try (Statement statement = this.staged.connection().createStatement();
				// a grouped count, not COUNT(DISTINCT): DuckDB keeps a distinct aggregate's set in memory, a GROUP BY spills
				ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM (SELECT row_no FROM device GROUP BY row_no)")) {
			rows.next();
			return rows.getLong(1);
		}
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
