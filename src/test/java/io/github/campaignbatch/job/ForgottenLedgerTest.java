package io.github.campaignbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * Issue 12, "a ledger that can be forgotten": a real run whose database has no record of an input looks its
 * campaigns up in the vendor's history before the first POST, and does not send again what the vendor has.
 */
@Tag("database")
class ForgottenLedgerTest {

	@TempDir
	Path work;

	@Test
	void aRunOnALostDatabaseCreatesNothingTheVendorAlreadyHas() throws Exception {
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0))) {
			// A campaign named by the user and one whose name is generated (it carries the input's hash).
			Path input = Files.writeString(this.work.resolve("fleet.csv"), SampleInputs.HEADER + "\n"
					+ "demo-account,Pilot,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(1) + "\n"
					+ "demo-account,Pilot,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(2) + "\n"
					+ "demo-account,,gateway-cfg-7.json,7.0,HTTP,2030-03-01,2030-03-31," + SampleInputs.imei(3) + "\n");
			Path report = this.work.resolve("report.csv");
			String[] run = { "run", "--input", input.toString(), "--account", "demo-account", "--today", "2026-01-01",
					"--report", report.toString() };
			Result first = runner(this.work.resolve("first"), simulator).run(run);
			assertThat(first.exitCode()).as(first.toString()).isZero();
			long requestsAfterFirst = simulator.scheduleRequestCount();
			Map<String, Long> createdAfterFirst = simulator.createdCountByCampaignName();
			List<String> firstReport = Files.readAllLines(report);

			// The database is gone: a fresh one has no record of this input.
			Result second = runner(this.work.resolve("second"), simulator).run(run);

			assertThat(second.exitCode()).as(second.toString()).isZero();
			assertThat(simulator.scheduleRequestCount()).as("nothing sent again").isEqualTo(requestsAfterFirst);
			assertThat(simulator.createdCountByCampaignName()).isEqualTo(createdAfterFirst);
			assertThat(second.out()).contains("FOUND_AT_VENDOR");
			// Same devices, same outcome, same vendor ids as the run that sent them (generated and chosen names alike).
			assertThat(Files.readAllLines(report).subList(1, firstReport.size())).allSatisfy(line ->
				assertThat(line).contains(",SCHEDULED,"));
			assertThat(campaignIds(Files.readAllLines(report))).isEqualTo(campaignIds(firstReport));
		}
	}

	@Test
	void aChosenNameReusedForOtherDevicesIsNotMistakenForOurs() throws Exception {
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0))) {
			Path first = Files.writeString(this.work.resolve("first.csv"), """
					account,campaignName,fileName,fileVersion,distributionType,startDate,endDate,imei
					demo-account,Pilot,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15,352099000000014
					""");
			Path second = Files.writeString(this.work.resolve("second.csv"), """
					account,campaignName,fileName,fileVersion,distributionType,startDate,endDate,imei
					demo-account,Pilot,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15,352099000000022
					""");
			CommandRunner runner = runner(this.work.resolve("db"), simulator);

			for (Path input : List.of(first, second)) {
				Result result = runner.run("run", "--input", input.toString(), "--account", "demo-account", "--today",
						"2026-01-01", "--report", this.work.resolve(input.getFileName() + ".results.csv").toString());
				assertThat(result.exitCode()).as(result.toString()).isZero();
			}

			assertThat(simulator.createdCountByCampaignName()).containsEntry("Pilot", 2L);
		}
	}

	private static List<String> campaignIds(List<String> reportLines) {
		return reportLines.stream().skip(1).map(line -> line.split(",", -1)[7]).toList();
	}

	/** A runner on a fresh database and data directory of its own under {@code directory}. */
	private static CommandRunner runner(Path directory, SimulatorServer simulator) {
		return new CommandRunner(directory).onSimulator(simulator).with("thingspace.max-requests-per-second", "100");
	}
}
