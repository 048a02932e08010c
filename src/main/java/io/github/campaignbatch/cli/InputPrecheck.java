package io.github.campaignbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.output.UnsafeTargetException;
import io.github.campaignbatch.input.InputFileException;
import io.github.campaignbatch.input.ReadOptions;
import io.github.campaignbatch.input.RowSource;
import io.github.campaignbatch.input.RowSources;
import io.github.campaignbatch.report.ResultsReportWriter;
import io.github.campaignbatch.validation.DateParser;

/**
 * What can be checked before any job starts: the options, and that the input file opens with a usable header.
 * A file that cannot be read at all is refused here, before anything is staged or submitted.
 */
final class InputPrecheck {

	private InputPrecheck() {
	}

	/** Checks the input and returns the header columns it ignores. */
	static List<String> check(InputOptions options, boolean simulated) {
		if (options.run.dateFormat != null) {
			try {
				DateParser.checkPattern(options.run.dateFormat);
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				throw new UsageException("--date-format '" + options.run.dateFormat + "' is not a valid date pattern: "
						+ ex.getMessage());
			}
		}
		Path input = options.input;
		checkLength(input);
		if (!Files.exists(input)) {
			throw new UsageException(input + ": no such file");
		}
		if (Files.isDirectory(input)) {
			throw new UsageException(input + ": is a directory, not a CSV or XLSX file");
		}
		Path report = options.reportOrDefault(simulated).toAbsolutePath().normalize();
		if (report.equals(input.toAbsolutePath().normalize())) {
			throw new UsageException("--report " + options.report + " would overwrite the input file");
		}
		List<String> ignored;
		// A header with no data rows is refused here too, before any job execution is recorded.
		try (RowSource source = RowSources.withDataRows(input, new ReadOptions(options.run.sheet))) {
			ignored = source.unknownColumns();
		}
		catch (InputFileException ex) {
			throw new UsageException(ex.getMessage());
		}
		checkReportTarget(options, simulated);
		return ignored;
	}

	/** Refuses a path too long for the system: asked whether it exists, Java says no (see {@link SafeFiles#checkLength}). */
	static void checkLength(Path path) {
		try {
			SafeFiles.checkLength(path);
		}
		catch (UnsafeTargetException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	/**
	 * The report must be writable where asked before anything is sent: a .csv or .xlsx name that fits the file
	 * system, not a device or a link. Its folder is created (owner-only) when the report is written, as a run always
	 * did; a run replaces its own earlier report (a restart writes it again).
	 */
	private static void checkReportTarget(InputOptions options, boolean simulated) {
		Path report = options.reportOrDefault(simulated);
		try {
			ResultsReportWriter.checkExtension(report);
			SafeFiles.checkName(report);
			SafeFiles.checkLength(report);
			SafeFiles.checkNotSpecial(report);
		}
		catch (IllegalArgumentException | IOException ex) {
			throw new UsageException((options.report == null ? "report: " : "--report: ") + ex.getMessage());
		}
	}
}
