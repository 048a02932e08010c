package io.github.campaignbatch.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.CommandRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second half of the crash tests ({@link CrashRecoveryTest}, {@link StagingCrashRecoveryTest}): after the child
 * JVM was killed, the same command runs again in-process on the child's database and data directory against the
 * same simulator, and must end the work exactly once.
 */
final class RunAfterKill {

	private RunAfterKill() {
	}

	/**
	 * A runner on the killed child's database and data directory, pointed at the simulator, that sends quickly and
	 * reconciles at once.
	 */
	static CommandRunner runner(String databaseUrl, Path work, SimulatorServer simulator) {
		return new CommandRunner(databaseUrl, ChildJvm.dataDirectory(work)).onSimulator(simulator)
			.with("thingspace.max-requests-per-second", "50")
			.with("campaign.submission.reconcile-delay", "0s");
	}

	/**
	 * The run again ended well: exit 0, every campaign created once at the simulator, and the report holds one
	 * SCHEDULED line with the vendor's campaign id per device.
	 */
	static void assertEveryCampaignOnceEveryDeviceScheduled(CommandRunner.Result again, SimulatorServer simulator,
			Path report, int campaigns, int devicesEach) throws IOException {
		assertThat(again.exitCode()).as(again.toString()).isZero();
		Map<String, Long> created = simulator.createdCountByCampaignName();
		assertThat(created).hasSize(campaigns);
		assertThat(created.values()).as("no campaign created twice").containsOnly(1L);
		List<String> lines = Files.readAllLines(report);
		assertThat(lines).hasSize(1 + campaigns * devicesEach);
		assertThat(lines.subList(1, lines.size())).allSatisfy(line -> {
			String[] cells = line.split(",", -1);
			assertThat(cells[6]).as(line).isEqualTo("SCHEDULED");
			assertThat(cells[7]).as(line).isNotBlank();
		});
		assertThat(lines.stream().skip(1).map(line -> line.split(",", -1)[1]).distinct().count())
			.as("one line per device").isEqualTo(campaigns * devicesEach);
	}
}
