package io.github.campaignbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.campaignbatch.support.PauseAtCheckpoint;
import io.github.campaignbatch.job.StepCheckpointListener.Checkpoint;
import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default H2 file database serves one process at a time, and the operating system enforces it: while a job holds
 * the database (a child JVM held inside its report step, {@link PauseAtCheckpoint}), every command that opens it exits 4 with
 * the line the README promises, whether it runs in this JVM or in a process of its own, and the database is whole
 * once the job has ended; a holder killed with SIGKILL lets the next command in at once. H2 only: PostgreSQL serves
 * any number of processes.
 */
class OneProcessAtATimeTest {

	private static final int CAMPAIGNS = 6;

	private static final int DEVICES_EACH = 2;

	private static final String ACCOUNT = "lock-account";

	private static final String IN_USE = "error: the job database is in use by another campaign-batch process (pid ";

	@TempDir
	Path work;

	@Test
	void everyCommandAgainstARunningJobExitsFourAndTheDatabaseIsWholeAfterIt() throws Exception {
		String databaseUrl = TestDatabases.freshUrl(this.work);
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), ACCOUNT, CAMPAIGNS, DEVICES_EACH);
		Path other = SampleInputs.campaigns(this.work.resolve("other.csv"), ACCOUNT, 2, 1);
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		Files.copy(other, inbox.resolve("dropped.csv"));
		// Every check is collected: a command let in shows with what it did to the database, not alone.
		SoftAssertions softly = new SoftAssertions();
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0))) {
			Process holder = startHeld(databaseUrl, simulator, input);
			try {
				CommandRunner runner = RunAfterKill.runner(databaseUrl, this.work, simulator);
				List<List<String>> commands = everyCommandThatOpensTheDatabase(input, other, inbox);
				for (int round = 1; round <= 3; round++) {
					for (List<String> command : commands) {
						Result tried = runner.run(command.toArray(String[]::new));
						assertRefused(softly, command, tried.exitCode(), tried.err(), holder);
					}
				}
				// As an operator starts them: processes of their own, two at a time beside the holder.
				ChildJvm processes = ChildJvm.against(this.work, databaseUrl, simulator);
				List<List<String>> inProcesses = List.of(List.of("status"), List.of("track", "--open"), run(other),
						commands.get(commands.size() - 1));
				for (int pair = 0; pair < inProcesses.size(); pair += 2) {
					List<Process> started = new ArrayList<>();
					for (int i = pair; i < pair + 2; i++) {
						started.add(processes.start("try-" + i, inProcesses.get(i)));
					}
					for (int i = pair; i < pair + 2; i++) {
						Process process = started.get(i - pair);
						softly.assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
						assertRefused(softly, inProcesses.get(i), process.exitValue(),
								Files.readString(this.work.resolve("try-" + i + ".err")), holder);
					}
				}
				softly.assertThat(holder.isAlive()).as("the job held the database through every try").isTrue();

				holder.getOutputStream().close();

				softly.assertThat(holder.waitFor(120, TimeUnit.SECONDS)).isTrue();
				softly.assertThat(holder.exitValue()).as(ChildJvm.output(this.work, "holder")).isZero();
			}
			finally {
				holder.destroyForcibly();
			}

			softly.assertThatCode(() -> assertDatabaseWhole(databaseUrl, List.of("COMPLETED"))).doesNotThrowAnyException();
			softly.assertThat(simulator.createdCountByCampaignName()).as("campaigns created").hasSize(CAMPAIGNS)
				.allSatisfy((name, created) -> assertThat(created).as("%s created once", name).isEqualTo(1L));
			softly.assertThat(inbox.resolve("dropped.csv")).as("the refused schedule claimed nothing").exists();
			softly.assertThat(this.work.resolve("copy.csv")).doesNotExist();
			Result status = RunAfterKill.runner(databaseUrl, this.work, simulator).run("status");
			softly.assertThat(status.exitCode()).as(status.toString()).isZero();
			softly.assertThat(status.out()).contains("COMPLETED");
		}
		softly.assertAll();
	}

	@Test
	void aHolderKilledWithSigkillLetsTheNextCommandInAtOnce() throws Exception {
		String databaseUrl = TestDatabases.freshUrl(this.work);
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), ACCOUNT, CAMPAIGNS, DEVICES_EACH);
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0))) {
			Process holder = startHeld(databaseUrl, simulator, input);
			CommandRunner runner = RunAfterKill.runner(databaseUrl, this.work, simulator);
			Result refused = runner.run("status");
			SoftAssertions.assertSoftly(softly -> assertRefused(softly, List.of("status"), refused.exitCode(), refused.err(), holder));

			holder.destroyForcibly();
			assertThat(holder.waitFor()).as("killed, not finished").isNotZero();

			Result again = runner.run(run(input).toArray(String[]::new));

			RunAfterKill.assertEveryCampaignOnceEveryDeviceScheduled(again, simulator,
					this.work.resolve("fleet.results.csv"), CAMPAIGNS, DEVICES_EACH);
			// The killed execution, recovered as FAILED, then the one that finished it.
			assertDatabaseWhole(databaseUrl, List.of("FAILED", "COMPLETED"));
		}
	}

	/**
	 * A {@code schedule} service holds the database while a tick works on a file, and only then: between ticks
	 * {@code status} reads it.
	 */
	@Test
	void aScheduleServiceHoldsTheDatabaseWhileATickWorksNotBetweenTicks() throws Exception {
		String databaseUrl = TestDatabases.freshUrl(this.work);
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0))) {
			Process service = ChildJvm.against(this.work, databaseUrl, simulator)
				.pauseAt(Checkpoint.REPORT)
				.start("holder", List.of("schedule", "--inbox", inbox.toString(), "--cron", "* * * * * *", "--settle", "0",
						"--no-track", "--account", ACCOUNT, "--today", "2026-01-01"));
			try {
				CommandRunner runner = RunAfterKill.runner(databaseUrl, this.work, simulator);
				ChildJvm.awaitOutput(this.work, "holder", "Watching", service);
				Result beforeAnyFile = runner.run("status");
				assertThat(beforeAnyFile.exitCode()).as(beforeAnyFile.toString()).isZero();

				SampleInputs.campaigns(this.work.resolve("fleet.csv"), ACCOUNT, CAMPAIGNS, DEVICES_EACH);
				Files.move(this.work.resolve("fleet.csv"), inbox.resolve("fleet.csv"));
				ChildJvm.awaitOutput(this.work, "holder", PauseAtCheckpoint.pausedAt(Checkpoint.REPORT), service);
				Result duringTheTick = runner.run("status");
				SoftAssertions.assertSoftly(softly -> assertRefused(softly, List.of("status"), duringTheTick.exitCode(),
						duringTheTick.err(), service));

				service.getOutputStream().close();
				// The tick has closed the database once it says when the next one comes.
				ChildJvm.awaitOutput(this.work, "holder", printed -> printed.contains("fleet.csv: moved to done")
						&& printed.substring(printed.indexOf("fleet.csv: moved to done")).contains("Next tick at"), service);
				Result afterTheTick = runner.run("status");
				assertThat(afterTheTick.exitCode()).as(afterTheTick + ChildJvm.output(this.work, "holder")).isZero();
				assertThat(afterTheTick.out()).contains("COMPLETED");
			}
			finally {
				service.destroy();
				service.waitFor();
			}
		}
	}

	/** A child running {@code input}, held inside its report step: every campaign is in the ledger, the job not ended. */
	private Process startHeld(String databaseUrl, SimulatorServer simulator, Path input) throws Exception {
		Process holder = ChildJvm.against(this.work, databaseUrl, simulator)
			.pauseAt(Checkpoint.REPORT)
			.start("holder", run(input));
		ChildJvm.awaitOutput(this.work, "holder", PauseAtCheckpoint.pausedAt(Checkpoint.REPORT), holder);
		assertThat(ChildJvm.output(this.work, "holder")).contains(PauseAtCheckpoint.pausedAt(Checkpoint.REPORT));
		return holder;
	}

	private List<String> run(Path input) {
		return List.of("run", "--input", input.toString(), "--account", ACCOUNT, "--today", "2026-01-01", "--report",
				this.work.resolve(input.getFileName().toString().replace(".csv", ".results.csv")).toString());
	}

	private List<List<String>> everyCommandThatOpensTheDatabase(Path input, Path other, Path inbox) {
		return List.of(List.of("status"),
				List.of("status", "--execution", "1"),
				List.of("report", "--execution", "1", "--output", this.work.resolve("copy.csv").toString()),
				List.of("track", "--open"),
				List.of("track", "--execution", "1"),
				List.of("cancel", "--execution", "1", "--dry-run"),
				List.of("cancel", "--execution", "1", "--yes"),
				List.of("prune", "--older-than", "30d"),
				List.of("restart"),
				List.of("restart", "--execution", "1"),
				run(input),
				run(other),
				List.of("validate", "--input", other.toString()),
				List.of("schedule", "--once", "--inbox", inbox.toString(), "--settle", "0", "--account", ACCOUNT, "--today",
						"2026-01-01"));
	}

	/** Exit 4, the promised line naming the holder, and nothing else went wrong (no stack trace, no other error). */
	private static void assertRefused(SoftAssertions softly, List<String> command, int exitCode, String err, Process holder) {
		String tried = String.join(" ", command) + "\n" + err;
		softly.assertThat(exitCode).as(tried).isEqualTo(ExitCodes.ALREADY_RUNNING);
		softly.assertThat(err.lines().filter(line -> line.startsWith("error:")).toList())
			.as(tried)
			.hasSize(1)
			.allSatisfy(line -> assertThat(line).startsWith(IN_USE + holder.pid() + " since ")
				.contains("follow that process's output"));
		softly.assertThat(err).as(tried).doesNotContain("\tat ").doesNotContain("Exception");
	}

	/**
	 * H2 opens the database and reads all of it ({@code SCRIPT}); the executions are there with these statuses, oldest
	 * first, and the ledger holds every campaign SCHEDULED with its vendor id.
	 */
	private static void assertDatabaseWhole(String databaseUrl, List<String> statuses) {
		TestDatabases.withJdbc(databaseUrl, jdbc -> {
			assertThat(jdbc.queryForList("SCRIPT")).isNotEmpty();
			assertThat(jdbc.queryForList("SELECT status FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", String.class))
				.isEqualTo(statuses);
			assertThat(jdbc.queryForList("SELECT name, state, remote_id FROM campaign ORDER BY name")).hasSize(CAMPAIGNS)
				.allSatisfy(campaign -> {
					assertThat(campaign.get("STATE")).as(campaign.toString()).isEqualTo("SCHEDULED");
					assertThat(campaign.get("REMOTE_ID")).as(campaign.toString()).isNotNull();
				});
			return null;
		});
	}
}
