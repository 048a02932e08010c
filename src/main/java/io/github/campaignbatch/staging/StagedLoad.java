package io.github.campaignbatch.staging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import io.github.campaignbatch.campaign.Schedule;
import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.Problem;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The load step's part of a staging file: stages validated device entries, each distinct campaign definition stored
 * once ({@link StagedDefinitions}). The devices reach the {@code device} table all at once, when {@link #finish} is
 * called at the end of the step: until then they wait in a file of lines beside the staging file
 * ({@link DeviceLines}). Nothing is lost by that: a load step that does not finish is staged again from the first row
 * (see {@link StagingWriter}). Closing it without {@link #finish} leaves the staging incomplete, for a step that
 * failed or stopped; it never closes the staging file, which its opener closes after it.
 */
public final class StagedLoad implements AutoCloseable {

	private static final String DEVICE_COLUMNS = "{'row_no': 'BIGINT', 'seq': 'INTEGER', 'imei': 'VARCHAR', "
			+ "'def_id': 'INTEGER', 'status': 'VARCHAR', 'error_code': 'VARCHAR', 'error_message': 'VARCHAR'}";

	private final StagedInstance staged;

	private StagedDefinitions definitions;

	private DeviceLines lines;

	/** Devices whose text the lines cannot carry as it is (control characters...): rare, appended one by one. */
	private DuckDBAppender unusualDevices;

	private DuckDBAppender newDefinitions;

	public StagedLoad(StagedInstance staged) {
		this.staged = staged;
	}

	/** Stages validated entries, each device once, in the order given; they are in the table once {@link #finish} returns. */
	public void append(List<DeviceEntry> entries) throws SQLException {
		if (this.lines == null) {
			start();
		}
		try {
			for (DeviceEntry entry : entries) {
				int definition = this.definitions.idOf(StagedDefinitions.Definition.of(entry), this::appendDefinition);
				Problem problem = entry.problem();
				String code = problem == null ? null : problem.code().name();
				String message = problem == null ? null : StagedInstance.clip(problem.message());
				if (DeviceLines.canCarry(entry.imei()) && DeviceLines.canCarry(message)) {
					this.lines.add(entry.rowNumber(), entry.seqInRow(), entry.imei(), definition, entry.status().name(), code,
							message);
				}
				else {
					appendUnusual(entry, definition, code, message);
				}
			}
		}
		catch (IOException ex) {
			throw new SQLException("cannot write " + linesFile() + ": " + ex.getMessage(), ex);
		}
	}

	private void start() throws SQLException {
		this.definitions = new StagedDefinitions(nextDefinitionId());
		this.newDefinitions = this.staged.connection().createAppender(DuckDBConnection.DEFAULT_SCHEMA, "definition");
		try {
			this.lines = DeviceLines.create(linesFile());
		}
		catch (IOException ex) {
			throw new SQLException("cannot create " + linesFile() + ": " + ex.getMessage(), ex);
		}
	}

	private void appendUnusual(DeviceEntry entry, int definition, String code, String message) throws SQLException {
		if (this.unusualDevices == null) {
			this.unusualDevices = this.staged.connection().createAppender(DuckDBConnection.DEFAULT_SCHEMA, "device");
		}
		this.unusualDevices.beginRow()
			.append(entry.rowNumber())
			.append(entry.seqInRow())
			.append(entry.imei())
			.append(definition)
			.append(entry.status().name());
		StagedInstance.appendText(this.unusualDevices, code);
		StagedInstance.appendText(this.unusualDevices, message);
		this.unusualDevices.endRow();
	}

	/**
	 * Stores everything staged so far: the definitions, then the devices (a device row never refers to a definition
	 * that is not stored), the lines in one statement that DuckDB runs on all its threads.
	 */
	public void finish() throws SQLException {
		if (this.lines == null) {
			return;
		}
		closeAppenders();
		try {
			this.lines.close();
		}
		catch (IOException ex) {
			throw new SQLException("cannot write " + linesFile() + ": " + ex.getMessage(), ex);
		}
		this.lines = null;
		// in input order, as the appender stored them (the parallel insert would swap a few blocks of rows): the later
		// steps read the devices sorted by row, and the same layout as before keeps their plans and times as they were
		this.staged.executeInInsertionOrder("INSERT INTO device SELECT * FROM read_csv(" + StagedInstance.literal(linesFile().toString())
				+ ", delim = '\t', quote = '', escape = '', header = false, auto_detect = false, nullstr = "
				+ StagedInstance.literal(DeviceLines.NULL) + ", columns = " + DEVICE_COLUMNS + ")");
		deleteLines();
	}

	private Path linesFile() {
		return StagedInstance.loadLinesOf(this.staged.file());
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
		try (Statement statement = this.staged.connection().createStatement();
				ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(def_id), 0) + 1 FROM definition")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/** Ends the load without storing the devices not yet in the table (after {@link #finish}: nothing left to do). */
	@Override
	public void close() throws SQLException {
		try {
			if (this.lines != null) {
				try {
					this.lines.close();
				}
				catch (IOException ex) {
					// nothing of it is kept
				}
				this.lines = null;
			}
			closeAppenders();
		}
		finally {
			deleteLines();
		}
	}

	private void closeAppenders() throws SQLException {
		// definitions first, as in finish
		try {
			if (this.newDefinitions != null) {
				this.newDefinitions.close();
			}
		}
		finally {
			this.newDefinitions = null;
			try {
				if (this.unusualDevices != null) {
					this.unusualDevices.close();
				}
			}
			finally {
				this.unusualDevices = null;
			}
		}
	}

	private void deleteLines() throws SQLException {
		try {
			Files.deleteIfExists(linesFile());
		}
		catch (IOException ex) {
			throw new SQLException("cannot delete " + linesFile() + ": " + ex.getMessage(), ex);
		}
	}
}
