package io.github.campaignbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status --execution ID} tells what is known, not a guess: before any {@code track} nothing was read from
 * ThingSpace, so its devices are "not tracked yet" rather than "pending" there; and a campaign that was not sent is
 * listed with its reason (issue 21's paper cuts).
 */
class ExecutionStatusTest {

	@TempDir
	Path work;

	@Test
	void beforeAnyTrackItSaysNotTrackedYetAndListsTheCampaignsNotSent() throws IOException {
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0))) {
			CommandRunner commands = new CommandRunner(this.work).onSimulator(simulator);
			Path input = Files.write(this.work.resolve("input.csv"), List.of(SampleInputs.HEADER,
					"ACC,sent,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(1),
					"ACC,own,own-fw.bin,9.9,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(2)));
			Result run = commands.run("run", "--input", input.toString(), "--account", "ACC", "--today", "2030-01-15");
			assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.REJECTED);
			// our own check refused that campaign before anything was sent: not ThingSpace
			assertThat(run.out()).contains("REJECTED by the pre-flight check 1").doesNotContain("by ThingSpace")
				.containsPattern("REJECTED\\s+own\\S* \\(1 device\\)");

			Result before = commands.run("status", "--execution", "1");

			assertThat(before.exitCode()).as(before.toString()).isZero();
			assertThat(before.out()).contains("at ThingSpace: not tracked yet ('track --execution 1' reads it)")
				.doesNotContain("pending")
				.contains("campaign 'sent")
				.containsPattern("not sent: campaign 'own[^']*' \\(1 device\\): REJECTED FILE_NOT_AVAILABLE: ");

			Result track = commands.run("track", "--execution", "1");
			assertThat(track.exitCode()).as(track.toString()).isNotEqualTo(ExitCodes.FAILED);
			Result after = commands.run("status", "--execution", "1");

			assertThat(after.out()).containsPattern("at ThingSpace \\(last 'track', \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\): ")
				.doesNotContain("not tracked yet");
		}
	}
}
