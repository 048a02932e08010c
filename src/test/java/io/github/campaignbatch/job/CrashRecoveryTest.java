package io.github.campaignbatch.job;

import java.nio.file.Path;
import java.util.List;

import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exactly-once promise under the worst crash: the job runs in its own JVM and is killed with SIGKILL in the
 * middle of submitting; running the same command again finishes the work. The simulator's own records prove
 * that no campaign was created twice, and the report that every device has exactly one final status.
 */
@Tag("database")
class CrashRecoveryTest {

	private static final int CAMPAIGNS = 30;

	private static final int DEVICES_EACH = 3;

	@TempDir
	Path work;

	@Test
	void killedMidSubmissionThenRunAgainCreatesEveryCampaignExactlyOnce() throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "crash-account", CAMPAIGNS, DEVICES_EACH);
		Path report = this.work.resolve("fleet.results.csv");
		String databaseUrl = TestDatabases.freshUrl(this.work);
		// Slow answers keep several POSTs in flight, so the kill lands between "sent" and "recorded".
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0).withLatencyMs(250))) {
			List<String> command = List.of("run", "--input", input.toString(), "--account", "crash-account", "--today",
					"2026-01-01", "--report", report.toString());

			Process child = ChildJvm.against(this.work, databaseUrl, simulator)
				.with("CAMPAIGN_SUBMISSION_CHUNK_SIZE", "4")
				.start("child", command);
			ChildJvm.awaitCampaigns(simulator, CAMPAIGNS / 3, child);
			assertThat(child.isAlive()).as(() -> "the job ended before it could be killed: " + ChildJvm.output(this.work, "child")).isTrue();
			assertThat(simulator.campaigns()).as(() -> "no submissions within 240 s: " + ChildJvm.output(this.work, "child"))
				.hasSizeGreaterThanOrEqualTo(CAMPAIGNS / 3);
			child.destroyForcibly();
			assertThat(child.waitFor()).as("killed, not finished").isNotZero();
			int createdBeforeKill = simulator.campaigns().size();
			assertThat(createdBeforeKill).isLessThan(CAMPAIGNS);

			Result again = RunAfterKill.runner(databaseUrl, this.work, simulator)
				.with("campaign.submission.visibility-horizon", "3s")
				.run(command.toArray(String[]::new));

			RunAfterKill.assertEveryCampaignOnceEveryDeviceScheduled(again, simulator, report, CAMPAIGNS, DEVICES_EACH);
		}
	}
}
