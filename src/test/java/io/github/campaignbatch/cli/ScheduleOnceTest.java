package io.github.campaignbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schedule --once} end to end on an inbox folder: the real job, a database of the test's own.
 */
@Tag("database")
@ExtendWith(OutputCaptureExtension.class)
class ScheduleOnceTest {

	private static final Path SAMPLES = Path.of("input-samples");

	@TempDir
	Path work;

	private Path inbox() throws IOException {
		return Files.createDirectories(this.work.resolve("inbox"));
	}

	private Result once(CommandRunner runner, Path inbox, String... more) {
		List<String> args = new java.util.ArrayList<>(List.of("schedule", "--inbox", inbox.toString(), "--once",
				"--settle", "0", "--account", "ACC", "--today", "2026-01-01"));
		args.addAll(List.of(more));
		return runner.run(args.toArray(String[]::new));
	}

	@Test
	void goodFilesAreDoneWithTheirReportsAndAnUnreadableOneFailsWithAOneLineReason() throws IOException {
		Path inbox = inbox();
		Files.copy(SAMPLES.resolve("clean-campaigns.csv"), inbox.resolve("a-good.csv"));
		Files.copy(SAMPLES.resolve("clean-campaigns.xlsx"), inbox.resolve("b-good.xlsx"));
		Files.write(inbox.resolve("bad.csv"), new byte[] { (byte) 0xff, (byte) 0xfe, 0, 0x50, 0x4b, 3, 4, 0, 0 });
		CommandRunner runner = new CommandRunner(this.work);

		Result result = once(runner, inbox, "--dry-run");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(names(inbox.resolve("done"))).containsExactly("a-good.csv", "a-good.csv.results.csv", "b-good.xlsx",
				"b-good.xlsx.results.csv");
		assertThat(Files.readAllLines(inbox.resolve("done/a-good.csv.results.csv"))).hasSize(1 + 13)
			.allMatch(line -> line.startsWith("row,") || line.contains(",PLANNED,"));
		assertThat(names(inbox.resolve("failed"))).containsExactly("bad.csv", "bad.csv.error.txt");
		List<String> reason = Files.readAllLines(inbox.resolve("failed/bad.csv.error.txt"));
		assertThat(reason).hasSize(1);
		assertThat(reason.get(0)).contains("bad.csv");
		assertThat(result.err()).contains("error: " + reason.get(0));
		assertThat(names(inbox.resolve("processing"))).isEmpty();
		assertThat(names(inbox)).containsExactly("done", "failed", "processing");

		Result again = once(runner, inbox, "--dry-run");

		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).contains("Nothing to do");
		assertThat(names(inbox.resolve("done"))).hasSize(4);
	}

	@Test
	void aFileWithRejectedDevicesIsDoneAndTheTickExitsThree(CapturedOutput log) throws IOException {
		Path inbox = inbox();
		Files.copy(SAMPLES.resolve("mistakes.csv"), inbox.resolve("mistakes.csv"));

		Result result = once(new CommandRunner(this.work), inbox, "--dry-run");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REJECTED);
		assertThat(inbox.resolve("done/mistakes.csv.results.csv")).exists();
		assertThat(log.getAll()).as("the load step's summary, at INFO by default").containsPattern("load: \\d+ rows read in ");
	}

	@Test
	void theSameContentSubmittedAgainIsNotSentTwiceButGetsItsReport(CapturedOutput log) throws IOException {
		Path inbox = inbox();
		CommandRunner runner = new CommandRunner(this.work);
		Files.copy(SAMPLES.resolve("clean-campaigns.csv"), inbox.resolve("monday.csv"));
		Result first = once(runner, inbox, "--simulate");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).contains("SCHEDULED");
		assertThat(log.getAll()).contains("submit: 3 campaigns taken in ");

		Files.copy(SAMPLES.resolve("clean-campaigns.csv"), inbox.resolve("tuesday.csv"));
		// No tracking in this tick: monday's report was refreshed by the first tick's tracking, tuesday's is written
		// from the same database state, so the two are equal.
		Result second = once(runner, inbox, "--simulate", "--no-track");

		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).contains("Already processed")
			// issue 21: where the earlier report is now, not the processing/ path it was written to
			.contains("Report: " + inbox.resolve("done/monday.csv.simulated.results.csv"))
			.doesNotContain("processing/monday");
		assertThat(names(inbox.resolve("done"))).containsExactly("monday.csv", "monday.csv.simulated.results.csv",
				"tuesday.csv", "tuesday.csv.simulated.results.csv");
		assertThat(Files.readAllLines(inbox.resolve("done/tuesday.csv.simulated.results.csv")))
			.isEqualTo(Files.readAllLines(inbox.resolve("done/monday.csv.simulated.results.csv")));
	}

	@Test
	void aSimulatedScheduleNamesItsReportsSimulatedAndNeverTakesThemForInputs() throws IOException {
		Path inbox = inbox();
		Files.copy(SAMPLES.resolve("clean-campaigns.csv"), inbox.resolve("fleet.csv"));

		Result result = once(new CommandRunner(this.work), inbox, "--simulate");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(inbox.resolve("done/fleet.csv.simulated.results.csv")).exists();
		assertThat(inbox.resolve("done/fleet.csv.results.csv")).as("a simulated report says so in its name")
			.doesNotExist();
		assertThat(Files.readAllLines(inbox.resolve("done/fleet.csv.simulated.results.csv")).subList(1, 14))
			.allMatch(line -> line.contains(",SCHEDULED,"));
		assertThat(result.out()).contains("report done/fleet.csv.simulated.results.csv");
		assertThat(names(inbox.resolve("processing"))).isEmpty();
	}

	@Test
	void aLineBreakInAFileNameCannotForgeALineOfTheTickNorOfItsTracking() throws IOException {
		Path inbox = inbox();
		Files.copy(SAMPLES.resolve("clean-campaigns.csv"), inbox.resolve("b\nerror: FORGED line.csv"));

		Result result = once(new CommandRunner(this.work), inbox, "--simulate");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat((result.out() + result.err()).lines()).as(result.toString())
			.noneMatch(line -> line.startsWith("error: FORGED"));
		assertThat(result.out()).as("the tracking line, on one line")
			.containsPattern("Execution \\d+ \\(b error: FORGED line\\.csv\\): 3 campaign\\(s\\) read")
			.contains("report " + inbox.resolve("done") + "/b error: FORGED line.csv.simulated.results.csv rewritten");
	}

	@Test
	void aFileLeftInProcessingLongAgoWithNoRunToRestartIsRunAgain() throws IOException {
		Path inbox = inbox();
		Path orphan = Files.createDirectories(inbox.resolve("processing")).resolve("orphan.csv");
		Files.copy(SAMPLES.resolve("clean-campaigns.csv"), orphan);
		Files.setLastModifiedTime(orphan, java.nio.file.attribute.FileTime.from(
				java.time.Instant.now().minus(io.github.campaignbatch.application.RestartPass.ORPHAN_GRACE).minusSeconds(60)));
		Files.copy(SAMPLES.resolve("mistakes.csv"), Files.createDirectories(inbox.resolve("processing")).resolve("recent.csv"));

		Result result = once(new CommandRunner(this.work), inbox, "--dry-run");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("processing/orphan.csv: claimed over 10 minutes ago and no run to restart");
		assertThat(inbox.resolve("done/orphan.csv.results.csv")).exists();
		assertThat(names(inbox.resolve("processing"))).as("claimed just now, maybe by another instance")
			.containsExactly("recent.csv");
	}

	@Test
	void aRealRunNeedsAnAccountAndAnExistingInbox() {
		CommandRunner runner = new CommandRunner(this.work);

		Result noAccount = runner.run("schedule", "--inbox", this.work.toString(), "--once");
		Result noFolder = runner.run("schedule", "--inbox", this.work.resolve("missing").toString(), "--once", "--dry-run");
		Result badCron = runner.run("schedule", "--inbox", this.work.toString(), "--dry-run", "--cron", "every night");

		assertThat(noAccount.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(noAccount.err()).contains("--account is required");
		assertThat(noFolder.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(noFolder.err()).contains("no such folder");
		assertThat(badCron.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(badCron.err()).contains("--cron 'every night'");
	}

	@Test
	void theServiceChecksItsCredentialsAtStartNotFirstAtTheNightsTick() {
		Result result = new CommandRunner(this.work).run("schedule", "--inbox", this.work.toString(), "--account", "ACC");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("ThingSpace credentials missing");
		assertThat(result.out()).doesNotContain("Watching");
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(file -> file.getFileName().toString()).sorted().toList();
		}
	}
}
