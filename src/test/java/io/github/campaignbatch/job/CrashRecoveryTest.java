package io.github.campaignbatch.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
			assertThat(child.isAlive()).as(() -> "the job ended before it could be killed: " + childOutput()).isTrue();
			assertThat(simulator.campaigns()).as(() -> "no submissions within 240 s: " + childOutput())
				.hasSizeGreaterThanOrEqualTo(CAMPAIGNS / 3);
			child.destroyForcibly();
			assertThat(child.waitFor()).as("killed, not finished").isNotZero();
			int createdBeforeKill = simulator.campaigns().size();
			assertThat(createdBeforeKill).isLessThan(CAMPAIGNS);

			Result again = new CommandRunner(databaseUrl, ChildJvm.dataDirectory(this.work)).with("thingspace.base-url", simulator.baseUrl().toString())
				.with("thingspace.client-id", SimulatorOptions.DEFAULT_CLIENT_ID)
				.with("thingspace.client-secret", SimulatorOptions.DEFAULT_CLIENT_SECRET)
				.with("thingspace.username", SimulatorOptions.DEFAULT_USERNAME)
				.with("thingspace.password", SimulatorOptions.DEFAULT_PASSWORD)
				.with("thingspace.max-requests-per-second", "50")
				.with("campaign.submission.reconcile-delay", "0s")
				.run(command.toArray(String[]::new));

			assertThat(again.exitCode()).as(again.toString()).isZero();
			Map<String, Long> created = simulator.createdCountByCampaignName();
			assertThat(created).hasSize(CAMPAIGNS);
			assertThat(created.values()).as("no campaign created twice").containsOnly(1L);
			List<String> lines = Files.readAllLines(report);
			assertThat(lines).hasSize(1 + CAMPAIGNS * DEVICES_EACH);
			assertThat(lines.subList(1, lines.size())).allSatisfy(line -> {
				String[] cells = line.split(",", -1);
				assertThat(cells[6]).as(line).isEqualTo("SCHEDULED");
				assertThat(cells[7]).as(line).isNotBlank();
			});
			assertThat(lines.stream().skip(1).map(line -> line.split(",", -1)[1]).distinct().count())
				.as("one line per device").isEqualTo(CAMPAIGNS * DEVICES_EACH);
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
}
