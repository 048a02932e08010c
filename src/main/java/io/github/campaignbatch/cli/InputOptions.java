package io.github.campaignbatch.cli;

import java.nio.file.Path;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The input file of {@code validate} and {@code run}, its report, and how it is read ({@link RunOptions}).
 */
class InputOptions {

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
}
