package io.github.campaignbatch.staging;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.validation.DateParser;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.RowValidator;

/**
 * Fresh staging files and input rows for the tests of each step's part of a file ({@link StagedLoad},
 * {@link StagedGrouping}, {@link StagedRejections}, {@link StagedReport}): a real DuckDB file in a test's folder,
 * rows validated as the load step validates them.
 */
final class StagedFiles {

	static final long JOB = 7;

	private static final RowValidator VALIDATOR = new RowValidator("acc", LocalDate.parse("2026-01-01"),
			new DateParser(null), "feedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedface");

	private StagedFiles() {
	}

	/** A new, empty staging file of job instance {@link #JOB} in {@code directory}. */
	static StagedInstance fresh(Path directory) throws SQLException {
		StagedInstance staged = StagedInstance.open(directory.resolve("job.duckdb"),
				new StagingSettings(directory, "256MB", 1));
		staged.create(JOB);
		return staged;
	}

	/** The file of {@link #fresh}, opened again (as a later step opens it). */
	static StagedInstance reopen(Path directory) throws SQLException {
		return StagedInstance.open(directory.resolve("job.duckdb"), new StagingSettings(directory, "256MB", 1));
	}

	/** Stages the entries as the load step does, to its end. */
	static void load(StagedInstance staged, List<DeviceEntry> entries) throws SQLException {
		try (StagedLoad load = new StagedLoad(staged)) {
			load.append(entries);
			load.finish();
		}
	}

	/** The entries of one input row: campaign 'rollout' of fw.bin 1.0, HTTP, March 2026, unless overridden. */
	static List<DeviceEntry> row(long rowNo, Map<Column, String> overrides) {
		Map<Column, String> cells = new EnumMap<>(Column.class);
		cells.put(Column.CAMPAIGN_NAME, "rollout");
		cells.put(Column.FILE_NAME, "fw.bin");
		cells.put(Column.FILE_VERSION, "1.0");
		cells.put(Column.DISTRIBUTION_TYPE, "HTTP");
		cells.put(Column.START_DATE, "2026-03-01");
		cells.put(Column.END_DATE, "2026-03-31");
		cells.putAll(overrides);
		return VALIDATOR.validate(new InputRow(rowNo, cells));
	}

	/** Rows numbered from 2 (the first row under the header), one per map. */
	@SafeVarargs
	static List<DeviceEntry> rows(Map<Column, String>... rows) {
		List<DeviceEntry> entries = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			entries.addAll(row(i + 2, rows[i]));
		}
		return entries;
	}

	/** One text per staged device after grouping, in input order: {@code row/seq IMEI STATUS CODE part N}. */
	static List<String> entries(StagedInstance staged) throws SQLException {
		List<String> lines = new ArrayList<>();
		staged.query("""
				SELECT CAST(row_no AS VARCHAR) || '/' || CAST(seq AS VARCHAR) || ' ' || imei || ' ' || status || ' '
					|| COALESCE(error_code, '-') || ' part ' || CAST(part_no AS VARCHAR)
				FROM entry ORDER BY row_no, seq""", row -> lines.add(row.getString(1)));
		return lines;
	}

	/** The error message of the first device of {@code row}. */
	static String message(StagedInstance staged, long row) throws SQLException {
		List<String> messages = new ArrayList<>();
		staged.query("SELECT error_message FROM entry WHERE row_no = " + row + " ORDER BY seq LIMIT 1",
				result -> messages.add(result.getString(1)));
		return messages.get(0);
	}
}
