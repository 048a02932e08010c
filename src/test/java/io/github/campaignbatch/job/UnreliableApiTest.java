package io.github.campaignbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full job against the bundled simulator failing 30% of its FOTA calls (500s before and after creating the
 * campaign, dropped connections) and showing a campaign in its history only a second after creating it: after at most
 * one restart, every campaign is SCHEDULED exactly once by the simulator's own records.
 */
@Tag("database")
class UnreliableApiTest {

	private static final int CAMPAIGNS = 20;

	@TempDir
	Path work;

	@Test
	void everyCampaignEndsScheduledExactlyOnceAfterAtMostOneRestart() throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "flaky-account", CAMPAIGNS, 2);
		Path report = this.work.resolve("fleet.results.csv");
		try (SimulatorServer simulator = SimulatorServer
			.start(SimulatorOptions.defaults().withPort(0).withFailRate(0.3).withSeed(7))) {
			// The history lags behind the creates by more than the reconcile delay (0 s), less than the horizon (3 s).
			simulator.historyLag(Duration.ofSeconds(1));
			CommandRunner runner = new CommandRunner(this.work).onSimulator(simulator)
				.with("thingspace.max-requests-per-second", "200")
				.with("thingspace.retry.initial-backoff", "5ms")
				.with("thingspace.retry.max-backoff", "20ms")
				.with("campaign.submission.reconcile-delay", "0s")
				.with("campaign.submission.visibility-horizon", "3s")
				.with("campaign.submission.max-sends-per-run", "5");
			String[] run = { "run", "--input", input.toString(), "--account", "flaky-account", "--today", "2026-01-01",
					"--report", report.toString() };

			Result first = runner.run(run);
			Result last = first;
			if (first.exitCode() != ExitCodes.OK) {
				assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.FAILED);
				last = runner.run("restart");
			}

			assertThat(last.exitCode()).as(last.toString()).isZero();
			Map<String, Long> created = simulator.createdCountByCampaignName();
			assertThat(created).hasSize(CAMPAIGNS);
			assertThat(created.values()).as("no campaign created twice").containsOnly(1L);
			assertThat(simulator.scheduleRequestCount()).as("failures were injected").isGreaterThan(CAMPAIGNS);
			List<String> lines = Files.readAllLines(report);
			assertThat(lines).hasSize(1 + CAMPAIGNS * 2);
			assertThat(lines.subList(1, lines.size())).allMatch(line -> line.split(",", -1)[6].equals("SCHEDULED"));
		}
	}
}
