package io.github.campaignbatch.staging;

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
 * The load step's part of a staging file: appends validated device entries, each distinct campaign definition stored
 * once ({@link StagedDefinitions}). Closing it flushes and closes its appenders, not the file, which its opener
 * closes after it.
 */
public final class StagedLoad implements AutoCloseable {

	private final StagedInstance staged;

	private StagedDefinitions definitions;

	private DuckDBAppender devices;

	private DuckDBAppender newDefinitions;

	public StagedLoad(StagedInstance staged) {
		this.staged = staged;
	}

	/** Appends validated entries, each device once, in the order given; {@link #commit} makes them durable, and so does {@link #close}. */
	public void append(List<DeviceEntry> entries) throws SQLException {
		if (this.devices == null) {
			this.definitions = new StagedDefinitions(nextDefinitionId());
			this.devices = this.staged.connection().createAppender(DuckDBConnection.DEFAULT_SCHEMA, "device");
			this.newDefinitions = this.staged.connection().createAppender(DuckDBConnection.DEFAULT_SCHEMA, "definition");
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
				this.devices.append(problem.code().name()).append(StagedInstance.clip(problem.message()));
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
		try (Statement statement = this.staged.connection().createStatement();
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

	@Override
	public void close() throws SQLException {
		if (this.devices != null) {
			// definitions first, as in commit
			try {
				this.newDefinitions.close();
			}
			finally {
				this.devices.close();
				this.devices = null;
			}
		}
	}
}
