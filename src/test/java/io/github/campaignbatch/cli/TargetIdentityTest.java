package io.github.campaignbatch.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 section 1: the target (the bundled simulator, or the real API's origin) is part of the job's identity.
 * Simulated work never counts as real work, and an execution restarts only against its own target, whichever
 * command restarts it. The "real API" here is a simulator server on loopback reached through
 * {@code thingspace.base-url}, exactly as a real run reaches ThingSpace, so that its creates can be counted.
 */
@Tag("database")
class TargetIdentityTest {

	private static final Path SAMPLE = Path.of("input-samples/clean-campaigns.csv");

	/** Fast retries and rate for the tests; the credentials are the simulator's ({@code onSimulatorAt}). */
	private static final Map<String, String> TUNING = Map.of("thingspace.max-requests-per-second", "100",
			"thingspace.retry.max-attempts", "2", "thingspace.retry.initial-backoff", "10ms",
			"thingspace.retry.max-backoff", "20ms", "campaign.submission.reconcile-delay", "0s");

	/** Campaigns left in doubt by a stop are settled within seconds, not production's 10-minute horizon. */
	private static final Map.Entry<String, String> SHORT_HORIZON = Map.entry("campaign.submission.visibility-horizon", "3s");

	@TempDir
	Path work;

	@Test
	void aSimulatedRunNeverMakesTheRealRunAlreadyProcessed() {
		try (SimulatorServer realApi = SimulatorServer.start(SimulatorOptions.defaults())) {
			CommandRunner runner = realRunner(realApi.port());

			Result simulated = runner.run(run("--simulate", "--report", this.work.resolve("sim.csv").toString()));
			assertThat(simulated.exitCode()).as(simulated.toString()).isZero();
			assertThat(simulated.out()).contains("Simulated run of clean-campaigns.csv: COMPLETED")
				.contains("nothing was sent to ThingSpace");
			assertThat(realApi.scheduleRequestCount()).as("the simulated run used its own simulator").isZero();

			Result real = runner.run(run("--report", this.work.resolve("real.csv").toString()));

			assertThat(real.exitCode()).as(real.toString()).isZero();
			assertThat(real.out()).doesNotContain("Already processed").contains("Run of clean-campaigns.csv: COMPLETED");
			assertThat(realApi.createdCountByCampaignName()).as("the real run sent every campaign").hasSize(3)
				.allSatisfy((name, count) -> assertThat(count).isOne());

			Result simulatedAgain = runner.run(run("--simulate", "--report", this.work.resolve("sim2.csv").toString()));
			assertThat(simulatedAgain.out()).as("and the real run does not answer for the simulated one either")
				.contains("Already processed")
				.contains("against the simulator");
			Result realAgain = runner.run(run("--report", this.work.resolve("real2.csv").toString()));
			assertThat(realAgain.out()).contains("Already processed").doesNotContain("simulator");
			assertThat(realApi.scheduleRequestCount()).isEqualTo(3);
		}
	}

	@Test
	void aRealRunFirstDoesNotMakeTheSimulatedRunAlreadyProcessed() {
		try (SimulatorServer realApi = SimulatorServer.start(SimulatorOptions.defaults())) {
			CommandRunner runner = realRunner(realApi.port());
			assertThat(runner.run(run("--report", this.work.resolve("real.csv").toString())).exitCode()).isZero();

			Result simulated = runner.run(run("--simulate", "--report", this.work.resolve("sim.csv").toString()));

			assertThat(simulated.exitCode()).as(simulated.toString()).isZero();
			assertThat(simulated.out()).doesNotContain("Already processed").contains("Simulated run of");
			assertThat(realApi.scheduleRequestCount()).isEqualTo(3);
		}
	}

	@Test
	void runRestartsAFailedRealExecutionOnlyForRealAndSimulateLeavesItAlone() throws IOException {
		int port = freePort();
		CommandRunner runner = realRunner(port);
		Result down = runner.run(run("--report", this.work.resolve("r.csv").toString()));
		assertThat(down.exitCode()).as(down.toString()).isEqualTo(ExitCodes.FAILED);

		Result simulated = runner.run(run("--simulate", "--report", this.work.resolve("sim.csv").toString()));
		assertThat(simulated.exitCode()).as(simulated.toString()).isZero();
		assertThat(simulated.out()).contains("Simulated run of clean-campaigns.csv: COMPLETED (execution 2)");

		try (SimulatorServer realApi = SimulatorServer.start(SimulatorOptions.defaults().withPort(port))) {
			Result up = runner.run(run("--report", this.work.resolve("r.csv").toString()));

			assertThat(up.exitCode()).as(up.toString()).isZero();
			assertThat(realApi.createdCountByCampaignName()).hasSize(3).allSatisfy((name, count) -> assertThat(count).isOne());
			Result status = runner.run("status");
			List<String> lines = status.out().lines().toList();
			assertThat(lines.stream().filter(line -> line.startsWith("3 ")).findFirst().orElseThrow())
				.as("the real run resumed its own job instance").contains("127.0.0.1:" + port).contains("COMPLETED")
				.contains("SCHEDULED=13");
			int failed = lines.indexOf(lines.stream().filter(line -> line.startsWith("1 ")).findFirst().orElseThrow());
			assertThat(lines.get(failed)).as("what execution 1 did, not what its restart did later").contains("FAILED")
				.contains("rows=10")
				.doesNotContain("SCHEDULED");
			assertThat(lines.get(failed + 1)).as("its one-line error").startsWith("       failed: ").doesNotContain("\tat ");
			assertThat(lines.stream().filter(line -> line.startsWith("2 ")).findFirst().orElseThrow())
				.contains("clean-campaigns.csv (simulated)").contains("simulator").contains("SCHEDULED=13");
		}
	}

	@Test
	void restartOfARealExecutionRefusesAnotherApiThanTheOneItRanAgainst() throws IOException {
		int port = freePort();
		CommandRunner runner = realRunner(port);
		Result down = runner.run(run("--report", this.work.resolve("r.csv").toString()));
		assertThat(down.exitCode()).isEqualTo(ExitCodes.FAILED);

		try (SimulatorServer otherApi = SimulatorServer.start(SimulatorOptions.defaults())) {
			Result restart = runner.with("thingspace.base-url", otherApi.baseUrl().toString())
				.run("restart", "--execution", "1");

			assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(ExitCodes.USAGE);
			assertThat(restart.errLines()).singleElement().asString()
				.contains("execution 1 ran against http://127.0.0.1:" + port)
				.contains("left alone");
			assertThat(otherApi.scheduleRequestCount()).isZero();
		}
	}

	@Test
	void scheduleSimulateNeverFinishesARealExecutionAndTheRealScheduleDoes() throws IOException {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		Files.copy(SAMPLE, inbox.resolve("fleet.csv"));
		int port = freePort();
		CommandRunner runner = realRunner(port);
		String[] once = { "schedule", "--inbox", inbox.toString(), "--once", "--settle", "0", "--account", "demo-account",
				"--today", "2026-01-01" };
		Result down = runner.run(once);
		assertThat(down.exitCode()).as(down.toString()).isEqualTo(ExitCodes.FAILED);
		assertThat(inbox.resolve("processing/fleet.csv")).exists();

		String[] simulate = { "schedule", "--inbox", inbox.toString(), "--once", "--settle", "0", "--account",
				"demo-account", "--today", "2026-01-01", "--simulate" };
		Result simulated = runner.run(simulate);

		assertThat(simulated.exitCode()).as(simulated.toString()).isZero();
		assertThat(simulated.out()).containsOnlyOnce("processing/fleet.csv: execution 1 ran against http://127.0.0.1:"
				+ port + "; this process sends to the simulator: left alone");
		assertThat(simulated.out()).doesNotContain("restarting execution");
		assertThat(inbox.resolve("processing/fleet.csv")).exists();
		assertThat(inbox.resolve("done/fleet.csv")).doesNotExist();

		try (SimulatorServer realApi = SimulatorServer.start(SimulatorOptions.defaults().withPort(port))) {
			Result up = runner.run(once);

			assertThat(up.exitCode()).as(up.toString()).isZero();
			assertThat(up.out()).contains("fleet.csv: restarting execution 1");
			assertThat(realApi.createdCountByCampaignName()).hasSize(3).allSatisfy((name, count) -> assertThat(count).isOne());
			assertThat(inbox.resolve("done/fleet.csv")).exists();
		}
	}

	@Test
	void aKilledSimulatedRunRestartsAgainstTheSimulatorWithoutRealCredentials() throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "sim-account", 24, 2);
		String databaseUrl = TestDatabases.freshUrl(this.work);
		List<String> command = List.of("run", "--simulate", "--input", input.toString(), "--account", "sim-account",
				"--today", "2026-01-01", "--report", this.work.resolve("fleet.results.csv").toString());
		try (SimulatorServer realApi = SimulatorServer.start(SimulatorOptions.defaults())) {
			// Two requests a second keep the child submitting long enough to be killed mid-way.
			Process child = ChildJvm.against(this.work, databaseUrl, realApi)
				.with("THINGSPACE_MAX_REQUESTS_PER_SECOND", "2")
				.with("CAMPAIGN_SUBMISSION_CHUNK_SIZE", "2")
				.with("CAMPAIGN_PROGRESS_INTERVAL", "1ms")
				.start("child", command);
			awaitOutput(child, "campaigns taken");
			assertThat(Files.readString(this.work.resolve("child.out"))).as(() -> "submitting: " + childOutput())
				.contains("campaigns taken");
			assertThat(child.isAlive()).as(() -> "ended before it could be killed: " + childOutput()).isTrue();
			child.destroyForcibly();
			assertThat(child.waitFor()).isNotZero();
			LocalDateTime killedAt = LocalDateTime.now();
			// A gap between the death and the recovery, so that a duration up to the recovery could not pass below.
			Thread.sleep(2000);

			// No credentials at all: the restart must not need real ones, and must not reach the configured API.
			CommandRunner noCredentials = new CommandRunner(databaseUrl, this.work.resolve("data-dir")).with("thingspace.base-url",
					realApi.baseUrl().toString()).with("campaign.submission.reconcile-delay", "0s")
				.with(SHORT_HORIZON.getKey(), SHORT_HORIZON.getValue());
			Result restart = noCredentials.run("restart");

			assertThat(restart.exitCode()).as(restart.toString()).isZero();
			assertThat(restart.out()).contains("against the simulator, as it ran")
				.contains("Simulated ThingSpace API on")
				.contains("Simulated run of fleet.csv: COMPLETED");
			assertThat(realApi.scheduleRequestCount()).as("nothing reached the real API").isZero();

			Result status = noCredentials.run("status");
			String killed = status.out().lines().filter(line -> line.startsWith("1 ")).findFirst().orElseThrow();
			assertThat(killed).contains("(simulated)").contains("simulator").contains("FAILED");
			// Its duration ends where its process died, not at the recovery by the restart (seconds later).
			Matcher times = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) +(?:(\\d+)m)?(\\d+)s ")
				.matcher(killed);
			assertThat(times.find()).as(killed).isTrue();
			LocalDateTime started = LocalDateTime.parse(times.group(1).replace(' ', 'T'));
			long seconds = (times.group(2) == null ? 0 : Long.parseLong(times.group(2)) * 60) + Long.parseLong(times.group(3));
			assertThat(started.plusSeconds(seconds)).as(killed).isBeforeOrEqualTo(killedAt.plusSeconds(1));
			// Issue 20: the restart's own execution took the killed one's time of death for its end: -3s, and nothing
			// in DID. Its duration is its own, from its start to its end.
			String restarted = status.out().lines().filter(line -> line.matches("\\d+ .*") && !line.startsWith("1 "))
				.findFirst().orElseThrow();
			Matcher own = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) +(?:(\\d+)m)?(\\d+)s"
					+ " +COMPLETED +(?:rows|[A-Z]+)=\\d").matcher(restarted);
			assertThat(own.find()).as(restarted).isTrue();
			assertThat(LocalDateTime.parse(own.group(1).replace(' ', 'T'))).as(restarted).isAfterOrEqualTo(killedAt);
		}
	}

	@Test
	void executionsRecordedBeforeTheTargetExistedAreTakenAsRealRuns() throws Exception {
		try (SimulatorServer realApi = SimulatorServer.start(SimulatorOptions.defaults())) {
			CommandRunner runner = realRunner(realApi.port());
			assertThat(runner.run(run("--report", this.work.resolve("r.csv").toString())).exitCode()).isZero();
			forgetTargets(runner.databaseUrl());

			Result real = runner.run(run("--report", this.work.resolve("r2.csv").toString()));
			assertThat(real.exitCode()).as(real.toString()).isZero();
			assertThat(real.out()).contains("Already processed")
				.contains("recorded before runs kept their target, so taken as a real run");
			assertThat(realApi.scheduleRequestCount()).isEqualTo(3);

			Result simulated = runner.run(run("--simulate", "--report", this.work.resolve("s.csv").toString()));
			assertThat(simulated.out()).doesNotContain("Already processed").contains("Simulated run of");

			Result status = runner.run("status");
			assertThat(status.out()).contains("real (not recorded)");
		}
	}

	@Test
	void aSimulatedRunsDefaultReportNameSaysSo() {
		assertThat(InputOptions.defaultReport(Path.of("in/F.csv"), true)).isEqualTo(Path.of("out/F.csv.simulated.results.csv"));
		assertThat(InputOptions.defaultReport(Path.of("in/F.xlsx"), true))
			.isEqualTo(Path.of("out/F.xlsx.simulated.results.csv"));
		assertThat(InputOptions.defaultReport(Path.of("in/F.csv"), false)).isEqualTo(Path.of("out/F.csv.results.csv"));
	}

	/**
	 * Turns the database into one written before the target was identifying: the parameter goes, and the job
	 * instance's key is the one Batch computed from the other identifying parameters.
	 */
	private static void forgetTargets(String url) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, TestDatabases.user(), "")) {
			JobParametersBuilder identifying = new JobParametersBuilder();
			long instanceId;
			try (PreparedStatement select = connection.prepareStatement("""
					SELECT p.PARAMETER_NAME, p.PARAMETER_VALUE, e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION_PARAMS p
					JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID
					WHERE p.JOB_EXECUTION_ID = 1 AND p.IDENTIFYING = 'Y' AND p.PARAMETER_NAME <> ?""")) {
				select.setString(1, CampaignJobParameters.TARGET);
				try (ResultSet rows = select.executeQuery()) {
					instanceId = -1;
					while (rows.next()) {
						identifying.addString(rows.getString(1), rows.getString(2));
						instanceId = rows.getLong(3);
					}
				}
			}
			try (PreparedStatement delete = connection
				.prepareStatement("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = ?")) {
				delete.setString(1, CampaignJobParameters.TARGET);
				assertThat(delete.executeUpdate()).isOne();
			}
			try (PreparedStatement update = connection
				.prepareStatement("UPDATE BATCH_JOB_INSTANCE SET JOB_KEY = ? WHERE JOB_INSTANCE_ID = ?")) {
				update.setString(1, new DefaultJobKeyGenerator().generateKey(identifying.toJobParameters()));
				update.setLong(2, instanceId);
				assertThat(update.executeUpdate()).isOne();
			}
		}
	}

	private CommandRunner realRunner(int port) {
		CommandRunner runner = new CommandRunner(this.work).onSimulatorAt("http://127.0.0.1:" + port);
		TUNING.forEach(runner::with);
		return runner.with(SHORT_HORIZON.getKey(), SHORT_HORIZON.getValue());
	}

	private static String[] run(String... more) {
		List<String> args = new java.util.ArrayList<>(List.of("run", "--input", SAMPLE.toString(), "--account",
				"demo-account", "--today", "2026-01-01"));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	private void awaitOutput(Process child, String text) throws Exception {
		// Generous: a child JVM starts slowly on a loaded machine.
		long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
		Path out = this.work.resolve("child.out");
		while (child.isAlive() && System.nanoTime() < deadline
				&& !(Files.exists(out) && Files.readString(out).contains(text))) {
			Thread.sleep(20);
		}
	}

	private String childOutput() {
		try {
			return Files.readString(this.work.resolve("child.err")) + Files.readString(this.work.resolve("child.out"));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
