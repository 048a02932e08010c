package io.github.campaignbatch.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.application.ExitCodes;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that fails or is stopped leaves its file in {@code processing/}; the next tick restarts it, and every
 * campaign is created exactly once.
 */
@Tag("database")
class ScheduleRestartTest {

	/** Fast retries and rate for the tests; the credentials are the simulator's ({@code onSimulatorAt}). */
	private static final Map<String, String> TUNING = Map.of("thingspace.max-requests-per-second", "100",
			"thingspace.retry.max-attempts", "2", "thingspace.retry.initial-backoff", "10ms",
			"thingspace.retry.max-backoff", "20ms", "campaign.submission.reconcile-delay", "0s");

	@TempDir
	Path work;

	@Test
	void aFailedRunStaysInProcessingAndTheNextTickRestartsIt() throws IOException {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		Files.copy(Path.of("input-samples/clean-campaigns.csv"), inbox.resolve("fleet.csv"));
		int port = freePort();
		CommandRunner runner = new CommandRunner(this.work).onSimulatorAt("http://127.0.0.1:" + port);
		TUNING.forEach(runner::with);
		runner.with("campaign.submission.visibility-horizon", "3s");
		String[] once = { "schedule", "--inbox", inbox.toString(), "--once", "--settle", "0", "--account", "ACC",
				"--today", "2026-01-01" };

		Result down = runner.run(once);

		assertThat(down.exitCode()).as(down.toString()).isEqualTo(ExitCodes.FAILED);
		assertThat(inbox.resolve("processing/fleet.csv")).exists();
		assertThat(inbox.resolve("processing/fleet.csv.results.csv")).exists();
		assertThat(down.out()).contains("stays in processing/");

		try (SimulatorServer api = SimulatorServer.start(SimulatorOptions.defaults().withPort(port))) {
			Result up = runner.run(once);

			assertThat(up.exitCode()).as(up.toString()).isZero();
			assertThat(up.out()).contains("fleet.csv: restarting execution");
			assertThat(api.createdCountByCampaignName()).hasSize(3).allSatisfy((name, count) -> assertThat(count).isOne());
			assertThat(inbox.resolve("done/fleet.csv")).exists();
			assertThat(Files.readAllLines(inbox.resolve("done/fleet.csv.results.csv")).subList(1, 14))
				.allMatch(line -> line.contains(",SCHEDULED,"));
			assertThat(inbox.resolve("processing/fleet.csv")).doesNotExist();
		}

		Result idle = runner.with("thingspace.base-url", "http://127.0.0.1:" + port).run(once);
		assertThat(idle.exitCode()).as(idle.toString()).isZero();
		assertThat(idle.out()).contains("Nothing to do");
	}

	@Test
	void sigtermStopsTheServiceAfterTheCurrentChunkAndTheNextTickFinishesWithoutDuplicates() throws Exception {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		SampleInputs.campaigns(this.work.resolve("fleet.csv"), "stop-account", 24, 2);
		Files.move(this.work.resolve("fleet.csv"), inbox.resolve("fleet.csv"));
		String databaseUrl = TestDatabases.freshUrl(this.work);
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withLatencyMs(250))) {
			Process child = ChildJvm.against(this.work, databaseUrl, simulator)
				.with("CAMPAIGN_SUBMISSION_CHUNK_SIZE", "2")
				.with("CAMPAIGN_SUBMISSION_RECONCILEDELAY", "0s")
				.start("child", List.of("schedule", "--inbox", inbox.toString(), "--cron", "* * * * * *", "--settle", "0",
						"--account", "stop-account", "--today", "2026-01-01"));
			ChildJvm.awaitCampaigns(simulator, 4, child);
			assertThat(child.isAlive()).as("still submitting when stopped").isTrue();

			child.destroy();
			assertThat(child.waitFor()).isNotZero();
			assertThat(Files.readString(this.work.resolve("child.out"))).contains("fleet.csv: stays in processing/");
			assertThat(inbox.resolve("processing/fleet.csv")).exists();

			CommandRunner runner = new CommandRunner(databaseUrl, ChildJvm.dataDirectory(this.work)).onSimulatorAt(simulator.baseUrl().toString());
			TUNING.forEach(runner::with);
			runner.with("campaign.submission.visibility-horizon", "3s");
		runner.with("campaign.submission.visibility-horizon", "3s");
			Result again = runner.run("schedule", "--inbox", inbox.toString(), "--once", "--settle", "0", "--account",
					"stop-account", "--today", "2026-01-01");

			assertThat(again.exitCode()).as(again.toString()).isZero();
			assertThat(again.out()).contains("(STOPPED)");
			assertThat(simulator.createdCountByCampaignName()).hasSize(24);
			assertThat(simulator.createdCountByCampaignName().values()).containsOnly(1L);
			assertThat(inbox.resolve("done/fleet.csv")).exists();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
