package io.github.campaignbatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.github.campaignbatch.application.JobRuns;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.input.InputFileException;
import io.github.campaignbatch.input.ReadOptions;
import io.github.campaignbatch.input.RowSource;
import io.github.campaignbatch.input.RowSources;
import io.github.campaignbatch.job.RunRequest;
import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.output.TerminalText;
import io.github.campaignbatch.output.UnsafeTargetException;
import io.github.campaignbatch.report.ResultsReportWriter;
import io.github.campaignbatch.validation.DateParser;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The input file of {@code validate} and {@code run}, its report, and how it is read ({@link RunOptions}).
 */
class InputOptions {

	/** How many ignored column names the warning lists before it says how many more there are. */
	static final int COLUMNS_LISTED = 20;

	@Option(names = "--input", required = true, paramLabel = "FILE", description = "The CSV or XLSX file to read.")
	Path input;

	@Option(names = "--report", paramLabel = "OUT",
			description = "Results report path; .xlsx writes XLSX. Default: out/<input file name>.results.csv"
					+ " (out/<input file name>.simulated.results.csv with --simulate)")
	Path report;

	@Mixin
	RunOptions run = new RunOptions();

	InputOptions() {
	}

	/** One file of {@code schedule}: its report lies beside it. */
	InputOptions(Path input, Path report, RunOptions run) {
		this.input = input;
		this.report = report;
		this.run = run;
	}

	Path reportOrDefault(boolean simulated) {
		return this.report != null ? this.report : defaultReport(this.input, simulated);
	}

	/** {@code out/F.results.csv}, or {@code out/F.simulated.results.csv}: a simulated report says so in its name. */
	static Path defaultReport(Path input, boolean simulated) {
		return Path.of("out", input.getFileName() + (simulated ? ".simulated" : "") + ".results.csv");
	}

	/** The request to run this input on the application {@code runs} use (where it sends, its API's zone). */
	RunRequest request(JobRuns runs) {
		RunTarget target = runs.target();
		return new RunRequest(this.input, this.run.account, target, reportOrDefault(target.simulated()), this.run.sheet,
				this.run.dateFormat, this.run.todayOrNow(), this.run.timeZone(), runs.application().apiTimeZone(),
				runs.rollout(this.run.rollout.given(), this.run.rollout.policy()));
	}

	/**
	 * Checks the input before anything starts (a usage error if it cannot be read) and warns of ignored columns;
	 * then starts hashing it, which the run needs once the application has started.
	 */
	InputFingerprint.Pending precheck(boolean simulated, PrintWriter err) {
		List<String> ignored = check(simulated);
		if (!ignored.isEmpty()) {
			err.println("warning: " + TerminalText.clean(this.input.getFileName().toString()) + ": ignoring unknown column(s) " + listed(ignored));
		}
		return InputFingerprint.inBackground(this.input);
	}

	static String listed(List<String> columns) {
		if (columns.size() <= COLUMNS_LISTED) {
			return String.join(", ", columns);
		}
		return String.join(", ", columns.subList(0, COLUMNS_LISTED)) + " and " + (columns.size() - COLUMNS_LISTED)
				+ " more";
	}

	/** Checks the input and returns the header columns it ignores. */
	List<String> check(boolean simulated) {
		if (this.run.dateFormat != null) {
			try {
				DateParser.checkPattern(this.run.dateFormat);
			}
			catch (IllegalArgumentException | DateTimeParseException ex) {
				throw new UsageException("--date-format '" + this.run.dateFormat + "' is not a valid date pattern: "
						+ ex.getMessage());
			}
		}
		Path input = this.input;
		checkLength(input);
		if (!Files.exists(input)) {
			throw new UsageException(input + ": no such file");
		}
		if (Files.isDirectory(input)) {
			throw new UsageException(input + ": is a directory, not a CSV or XLSX file");
		}
		Path report = this.reportOrDefault(simulated).toAbsolutePath().normalize();
		if (report.equals(input.toAbsolutePath().normalize())) {
			throw new UsageException("--report " + this.report + " would overwrite the input file");
		}
		List<String> ignored;
		// A header with no data rows is refused here too, before any job execution is recorded.
		try (RowSource source = RowSources.withDataRows(input, new ReadOptions(this.run.sheet))) {
			ignored = source.unknownColumns();
		}
		catch (InputFileException ex) {
			throw new UsageException(ex.getMessage());
		}
		checkReportTarget(simulated);
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
	private void checkReportTarget(boolean simulated) {
		Path report = this.reportOrDefault(simulated);
		try {
			ResultsReportWriter.checkExtension(report);
			SafeFiles.checkName(report);
			SafeFiles.checkLength(report);
			SafeFiles.checkNotSpecial(report);
		}
		catch (IllegalArgumentException | IOException ex) {
			throw new UsageException((this.report == null ? "report: " : "--report: ") + ex.getMessage());
		}
	}
}
