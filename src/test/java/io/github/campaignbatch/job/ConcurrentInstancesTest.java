package io.github.campaignbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances started at once on the same input, sharing a PostgreSQL job database (the production setup):
 * exactly one runs it; the other says who has it and exits 4. Runs in the PostgreSQL test execution only,
 * since H2 serves one process at a time anyway.
 */
@Tag("database")
class ConcurrentInstancesTest {

	@TempDir
	Path work;

	@Test
	void twoJvmsOnTheSameInputRunItOnceAndTheOtherExitsFour() throws Exception {
		Assumptions.assumeTrue(TestDatabases.isPostgres(), "runs in the PostgreSQL execution");
		String databaseUrl = TestDatabases.freshUrl(this.work);
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "twin-account", 10, 2);
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0).withLatencyMs(200))) {
			ChildJvm twin = ChildJvm.against(this.work, databaseUrl, simulator);
			Process first = twin.start("first", run("first", input));
			Process second = twin.start("second", run("second", input));

			assertThat(first.waitFor(180, TimeUnit.SECONDS)).isTrue();
			assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();

			List<Integer> exitCodes = List.of(first.exitValue(), second.exitValue());
			assertThat(exitCodes).as(output("first") + output("second")).containsExactlyInAnyOrder(ExitCodes.OK,
					ExitCodes.ALREADY_RUNNING);
			String loser = first.exitValue() == ExitCodes.ALREADY_RUNNING ? "first" : "second";
			assertThat(Files.readString(this.work.resolve(loser + ".err")))
				.contains("being processed right now by process").contains("@");
			Map<String, Long> created = simulator.createdCountByCampaignName();
			assertThat(created).hasSize(10);
			assertThat(created.values()).containsOnly(1L);
		}
	}

	private String output(String name) throws Exception {
		return "\n--- " + name + "\n" + Files.readString(this.work.resolve(name + ".out")) + Files.readString(this.work.resolve(name + ".err"));
	}

	private List<String> run(String name, Path input) {
		return List.of("run", "--input", input.toString(), "--account", "twin-account", "--today", "2026-01-01",
				"--report", this.work.resolve(name + ".results.csv").toString());
	}
}
