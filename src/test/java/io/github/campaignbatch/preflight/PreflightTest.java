package io.github.campaignbatch.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.campaignbatch.simulator.UploadedFile;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks before the first POST, end to end against the simulator standing in for the real API. A run with a file
 * missing from the available list is {@link PreflightWireMockTest}'s: there the request is the vendor's documented one.
 */
@Tag("database")
class PreflightTest {

	private static final String TRACKER = "tracker-fw-2.4.1.bin,2.4.1,HTTP";

	@TempDir
	Path work;

	private SimulatorServer simulator;

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	@Test
	void validateOnlineRunsTheChecksAndCreatesNothing() throws IOException {
		CommandRunner runner = against(SimulatorOptions.defaults());
		Path input = csv("online.csv", row("good", TRACKER, 1), row("own", "own-fw.bin,9.9,OMA", 2));

		Result validate = runner.run("validate", "--online", "--input", input.toString(), "--account", "ACC", "--today",
				"2030-01-15", "--report", report(input).toString());

		assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(3);
		assertThat(validate.out()).contains("Online checks: 1 campaign(s) would not be sent, 0 device(s)");
		assertThat(this.simulator.scheduleRequestCount()).isZero();
		List<String> report = Files.readAllLines(report(input));
		assertThat(report.get(1)).contains(",PLANNED,");
		assertThat(report.get(2)).contains(",REJECTED,", ",FILE_NOT_AVAILABLE,");
	}

	@Test
	void whenTheListMayBeTruncatedNothingIsRejectedOnAbsence() throws IOException {
		List<UploadedFile> hundred = IntStream.range(0, 100).mapToObj(n -> UploadedFile.parse("f" + n + ".bin:1")).toList();
		CommandRunner runner = against(SimulatorOptions.defaults().withAvailableFiles(hundred));
		Path input = csv("truncated.csv", row("own", "own-fw.bin,9.9,HTTP", 1));

		Result run = run(runner, input);

		assertThat(this.simulator.scheduleRequestCount()).as(run.toString()).isEqualTo(1);
		assertThat(Files.readAllLines(report(input)).get(1)).contains(",REJECTED,").doesNotContain("FILE_NOT_AVAILABLE");
	}

	@Test
	void devicesAlreadyInAnActiveCampaignOfThisDatabaseAreTakenOutBeforeThePost() throws IOException {
		CommandRunner runner = against(SimulatorOptions.defaults());
		Path first = csv("first.csv", row("wave-1", TRACKER, 1), row("wave-1", TRACKER, 2), row("wave-1", TRACKER, 3));
		assertThat(run(runner, first).exitCode()).isZero();
		Path second = csv("second.csv", row("wave-2", TRACKER, 2), row("wave-2", TRACKER, 3), row("wave-2", TRACKER, 4),
				row("wave-2", TRACKER, 5));

		Result run = run(runner, second);

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
		assertThat(this.simulator.campaigns()).hasSize(2);
		assertThat(this.simulator.campaigns().get(1).deviceList()).containsExactly(SampleInputs.imei(4), SampleInputs.imei(5));
		List<String> report = Files.readAllLines(report(second));
		assertThat(report.get(1)).contains(",REJECTED,", ",ALREADY_IN_ACTIVE_CAMPAIGN,",
				"device is already in active campaign 'wave-1'", "of execution 1");
		assertThat(report.get(3)).contains(",SCHEDULED,");
	}

	@Test
	void simulatedRunsOfferEveryFileOfTheInput() throws IOException {
		CommandRunner runner = new CommandRunner(this.work);
		Path input = csv("own.csv", row("own", "own-fw.bin,9.9,OMA", 1));

		Result run = runner.run("run", "--simulate", "--input", input.toString(), "--account", "ACC", "--today",
				"2030-01-15", "--report", report(input).toString());

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(Files.readAllLines(report(input)).get(1)).contains(",SCHEDULED,");
	}

	private CommandRunner against(SimulatorOptions options) {
		this.simulator = SimulatorServer.start(options.withClock(java.time.Clock.fixed(
				java.time.Instant.parse("2030-01-15T10:00:00Z"), java.time.ZoneOffset.UTC)));
		return new CommandRunner(this.work).onSimulator(this.simulator);
	}

	private Result run(CommandRunner runner, Path input) {
		return runner.run("run", "--input", input.toString(), "--account", "ACC", "--today", "2030-01-15", "--report",
				report(input).toString());
	}

	private Path report(Path input) {
		return input.resolveSibling(input.getFileName() + ".results.csv");
	}

	private static String row(String campaign, String file, long serial) {
		return "ACC," + campaign + "," + file + ",2030-01-15,2030-02-15," + SampleInputs.imei(serial);
	}

	private Path csv(String name, String... rows) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add(SampleInputs.HEADER);
		lines.addAll(List.of(rows));
		return Files.write(this.work.resolve(name), lines);
	}
}
