package io.github.campaignbatch.job;

import java.nio.file.Path;
import java.util.List;

import io.github.campaignbatch.support.PauseAtCheckpoint;
import io.github.campaignbatch.job.StepCheckpointListener.Checkpoint;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SIGKILL while the input is being staged, while it is being grouped, and while the report is being written,
 * each followed by the same command again: the run ends with every device's right outcome in the report, and
 * the simulator's own records show every campaign created exactly once. The child stops at the named point
 * ({@link PauseAtCheckpoint}) so that the kill lands inside the step, not before or after it.
 */
@Tag("database")
class StagingCrashRecoveryTest {

	private static final int CAMPAIGNS = 12;

	private static final int DEVICES_EACH = 3;

	@TempDir
	Path work;

	@ParameterizedTest
	@EnumSource(Checkpoint.class)
	void killedInsideAStepThenRunAgainEndsWithTheRightReportAndNoDuplicate(Checkpoint step) throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "crash-account", CAMPAIGNS, DEVICES_EACH);
		Path report = this.work.resolve("fleet.results.csv");
		String databaseUrl = TestDatabases.freshUrl(this.work);
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0))) {
			List<String> command = List.of("run", "--input", input.toString(), "--account", "crash-account", "--today",
					"2026-01-01", "--report", report.toString());

			Process child = ChildJvm.against(this.work, databaseUrl, simulator)
				.with("CAMPAIGN_LOAD_CHUNK_SIZE", "5")
				.pauseAt(step)
				.start("child", command);
			awaitPaused(child, step);
			int createdBeforeKill = simulator.campaigns().size();
			child.destroyForcibly();
			assertThat(child.waitFor()).as("killed, not finished").isNotZero();
			assertThat(createdBeforeKill).as("campaigns created before the kill")
				.isEqualTo(step == Checkpoint.REPORT ? CAMPAIGNS : 0);

			Result again = RunAfterKill.runner(databaseUrl, this.work, simulator).run(command.toArray(String[]::new));

			RunAfterKill.assertEveryCampaignOnceEveryDeviceScheduled(again, simulator, report, CAMPAIGNS, DEVICES_EACH);
		}
	}

	private void awaitPaused(Process child, Checkpoint step) throws Exception {
		ChildJvm.awaitOutput(this.work, "child", PauseAtCheckpoint.pausedAt(step), child);
		assertThat(ChildJvm.output(this.work, "child")).as("the child reached " + step)
			.contains(PauseAtCheckpoint.pausedAt(step));
		assertThat(child.isAlive()).isTrue();
	}
}
