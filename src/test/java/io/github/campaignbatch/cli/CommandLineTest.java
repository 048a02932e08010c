package io.github.campaignbatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.TimestampedLines;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's small promises (issue 11 section 4, issue 15's paper cuts): one clear line for every wrong
 * option, the version on every command, a suggestion for a mistyped command.
 */
class CommandLineTest {

	@TempDir
	Path work;

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1" })
	void statusLastBelowOneIsAUsageError(String last) {
		Result result = new CommandRunner(this.work).run("status", "--last", last);

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("--last must be 1 or more");
		assertThat(result.out()).doesNotContain("No executions yet");
	}

	@ParameterizedTest
	@ValueSource(strings = { "validate", "run", "schedule", "restart", "status", "report", "template", "simulator" })
	void everyCommandPrintsTheVersion(String command) {
		for (String option : List.of("-V", "--version")) {
			Result result = new CommandRunner(this.work).run(command, option);

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).startsWith("campaign-batch ");
		}
	}

	@Test
	void aDateThatIsNotIsoIsAOneLineUsageError() {
		Result result = new CommandRunner(this.work).run("validate", "--input", "input-samples/clean-campaigns.csv",
				"--today", "30/11/2026");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString()
			.contains("'30/11/2026' is not a date: write it as YYYY-MM-DD")
			.doesNotContain("Exception");
	}

	@Test
	void aMistypedCommandGetsTheClosestOne() {
		Result result = new CommandRunner(this.work).run("valdate", "--input", "x.csv");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("did you mean 'validate'?");
	}

	@Test
	void simulateWithoutAnAccountSaysTheAccountIsRequired() {
		Result result = new CommandRunner(this.work).run("run", "--simulate", "--input", "input-samples/clean-campaigns.csv");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("--account is required")
			.doesNotContain("real run");
	}

	@Test
	void scheduleOnceSaysHowManyFilesWaitForTheSettleTimeAndUntilWhen() throws IOException {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		SampleInputs.campaigns(inbox.resolve("a.csv"), "ACC", 1, 1);
		SampleInputs.campaigns(inbox.resolve("b.csv"), "ACC", 1, 1);

		Result result = new CommandRunner(this.work).run("schedule", "--inbox", inbox.toString(), "--once", "--settle",
				"3600", "--dry-run");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("2 file(s) modified within the last --settle seconds wait (a.csv, b.csv); ready from ");
	}

	@Test
	void anEmptyInboxSaysNothingToDo() throws IOException {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));

		Result result = new CommandRunner(this.work).run("schedule", "--inbox", inbox.toString(), "--once", "--dry-run");

		assertThat(result.out()).contains("Nothing to do in ");
	}

	@Test
	void theSummaryCountsInvalidInputUnderItsOwnName() {
		Result result = new CommandRunner(this.work).run("validate", "--input", "input-samples/mistakes.csv", "--account",
				"ACC", "--today", "2026-01-01", "--report", this.work.resolve("r.csv").toString());

		assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
		assertThat(result.out()).contains("  invalid input      ").doesNotContain("  rejected ");
	}

	@Test
	void everyLineOfALongRunningServiceStartsWithTheTime() {
		StringWriter text = new StringWriter();
		Clock clock = Clock.fixed(Instant.parse("2026-11-30T14:05:06.789Z"), ZoneOffset.UTC);
		PrintWriter lines = new PrintWriter(new TimestampedLines(new PrintWriter(text, true), clock), true);

		lines.println("== fleet.csv");
		lines.print("Run of fleet.csv: ");
		lines.println("COMPLETED");
		lines.println();
		lines.printf("  report   %s%n", "done/fleet.csv.results.csv");

		assertThat(text.toString().lines().toList()).containsExactly("2026-11-30T14:05:06.789  == fleet.csv",
				"2026-11-30T14:05:06.789  Run of fleet.csv: COMPLETED", "",
				"2026-11-30T14:05:06.789    report   done/fleet.csv.results.csv");
	}
}
