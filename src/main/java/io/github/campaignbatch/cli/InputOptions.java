package io.github.campaignbatch.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import picocli.CommandLine.Option;

/**
 * The options every command that reads an input file shares.
 */
class InputOptions {

	@Option(names = "--input", required = true, paramLabel = "FILE", description = "The CSV or XLSX file to read.")
	Path input;

	@Option(names = "--account", paramLabel = "ACC",
			description = "ThingSpace account for rows without an account column value.")
	String account;

	@Option(names = "--report", paramLabel = "OUT",
			description = "Results report path; .xlsx writes XLSX. Default: out/<input file name>.results.csv")
	Path report;

	@Option(names = "--sheet", paramLabel = "NAME", description = "XLSX sheet to read. Default: the first visible sheet.")
	String sheet;

	@Option(names = "--date-format", paramLabel = "PATTERN",
			description = "Another accepted date pattern besides YYYY-MM-DD, e.g. dd/MM/yyyy.")
	String dateFormat;

	@Option(names = "--today", paramLabel = "YYYY-MM-DD",
			description = "The date start dates are checked against (UTC). Default: today.")
	LocalDate today;

	@Option(names = "--verbose", description = "More logging, and stack traces on failure.")
	boolean verbose;

	Path reportOrDefault() {
		return this.report != null ? this.report : Path.of("out", this.input.getFileName() + ".results.csv");
	}

	LocalDate todayOrNow() {
		return this.today != null ? this.today : LocalDate.now(ZoneOffset.UTC);
	}
}
