package io.github.campaignbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.simulator.SimulatedCampaign;
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
 * Issue 11's acceptance case for the visibility horizon: the simulator's history lags behind its writes by more than
 * the reconcile delay, 30% of create answers are lost after the campaign was created, and the job is killed with
 * SIGKILL in the middle of submitting, then run again until it completes. No campaign may be created twice (the
 * simulator's own record of creates), and every device ends SCHEDULED with the id the simulator gave its campaign.
 * Horizons are seconds here, set through configuration as an operator would.
 */
@Tag("database")
class LaggingHistoryTest {

	private static final int CAMPAIGNS = 24;

	private static final int DEVICES_EACH = 2;

	private static final Duration HISTORY_LAG = Duration.ofSeconds(2);

	@TempDir
	Path work;

	@Test
	void lostAnswersLaggingHistoryAndAKillNeverCreateACampaignTwice() throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "lag-account", CAMPAIGNS, DEVICES_EACH);
		Path report = this.work.resolve("fleet.results.csv");
		String databaseUrl = TestDatabases.freshUrl(this.work);
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0).withLatencyMs(150))) {
			simulator.historyLag(HISTORY_LAG).loseCreateAnswers(0.3);
			List<String> command = List.of("run", "--input", input.toString(), "--account", "lag-account", "--today",
					"2026-01-01", "--report", report.toString());

			// reconcile delay 200 ms < history lag 2 s < visibility horizon 4 s
			Process child = ChildJvm.against(this.work, databaseUrl, simulator)
				.with("CAMPAIGN_SUBMISSION_CHUNK_SIZE", "4")
				.with("CAMPAIGN_SUBMISSION_RECONCILE_DELAY", "200ms")
				.with("CAMPAIGN_SUBMISSION_VISIBILITY_HORIZON", "4s")
				.start("child", command);
			ChildJvm.awaitCampaigns(simulator, CAMPAIGNS / 3, child);
			assertThat(child.isAlive()).as(() -> "the job ended before it could be killed: " + ChildJvm.output(this.work, "child")).isTrue();
			child.destroyForcibly();
			assertThat(child.waitFor()).as("killed, not finished").isNotZero();
			assertThat(simulator.campaigns().size()).isLessThan(CAMPAIGNS);

			CommandRunner runner = new CommandRunner(databaseUrl, ChildJvm.dataDirectory(this.work)).onSimulator(simulator)
				.with("thingspace.max-requests-per-second", "50")
				.with("campaign.submission.reconcile-delay", "200ms")
				.with("campaign.submission.visibility-horizon", "4s");
			Result last = null;
			for (int run = 1; run <= 3; run++) {
				last = runner.run(command.toArray(String[]::new));
				if (last.exitCode() != ExitCodes.FAILED) {
					break;
				}
			}

			assertThat(last.exitCode()).as(last.toString()).isZero();
			assertThat(simulator.lostCreateAnswerCount()).as("answers were lost after creating").isPositive();
			Map<String, Long> created = simulator.createdCountByCampaignName();
			assertThat(created).hasSize(CAMPAIGNS);
			assertThat(created.values()).as("no campaign created twice").containsOnly(1L);
			Map<String, String> idByName = simulator.campaigns().stream()
				.collect(Collectors.toMap(SimulatedCampaign::campaignName, SimulatedCampaign::id));
			List<String> lines = Files.readAllLines(report);
			assertThat(lines).hasSize(1 + CAMPAIGNS * DEVICES_EACH);
			assertThat(lines.subList(1, lines.size())).allSatisfy(line -> {
				String[] cells = line.split(",", -1);
				assertThat(cells[6]).as(line).isEqualTo("SCHEDULED");
				assertThat(cells[7]).as("the id the simulator gave campaign " + cells[3]).isEqualTo(idByName.get(cells[3]));
			});
		}
	}
}
