package io.github.campaignbatch.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.github.campaignbatch.simulator.HourWindow;
import io.github.campaignbatch.simulator.SimulatedCampaign;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.MutableClock;
import io.github.campaignbatch.support.SampleInputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows and dates in local time, through {@code run} against the simulator: what reaches the API. */
class LocalTimeRunTest {

	private static final String HEADER = "campaignName,fileName,fileVersion,distributionType,startDate,endDate,"
			+ "downloadTimeWindows,installTimeWindows,imei,timeZone";

	@TempDir
	Path work;

	private SimulatorServer simulator;

	private CommandRunner runner;

	@BeforeEach
	void start() {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults()
			.withClock(new MutableClock(Instant.parse("2031-01-10T10:00:00Z"))));
		this.runner = new CommandRunner(this.work).onSimulator(this.simulator);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void aChicagoEveningWindowReachesTheApiAsTwoUtcWindowsWithTheEndDateWidened() throws IOException {
		Path input = csv("evening,tracker-fw-2.4.1.bin,2.4.1,HTTP,2031-01-13,2031-01-17,17-20,17-20,"
				+ SampleInputs.imei(1) + ",America/Chicago");

		Result run = run(input);

		assertThat(run.exitCode()).as(run.toString()).isZero();
		SimulatedCampaign sent = sent("evening");
		assertThat(sent.downloadTimeWindowList()).containsExactly(new HourWindow(0, 2), new HourWindow(23, 24));
		assertThat(sent.installTimeWindowList()).containsExactly(new HourWindow(0, 2), new HourWindow(23, 24));
		assertThat(sent.startDate()).isEqualTo("2031-01-13");
		assertThat(sent.endDate()).isEqualTo("2031-01-18");
		assertThat(run.err()).doesNotContain("daylight");
	}

	@Test
	void theTimeZoneOptionCoversRowsWithoutOneAndACampaignAcrossTheSpringChangeIsWarnedOf() throws IOException {
		Path input = csv("spring,tracker-fw-2.4.1.bin,2.4.1,HTTP,2031-03-03,2031-03-14,17-20,,"
				+ SampleInputs.imei(1) + ",", "utc,tracker-fw-2.4.1.bin,2.4.1,HTTP,2031-03-03,2031-03-14,17-20,,"
						+ SampleInputs.imei(2) + ",UTC");

		Result run = run(input, "--time-zone", "America/Chicago");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(sent("spring").downloadTimeWindowList()).containsExactly(new HourWindow(0, 2), new HourWindow(23, 24));
		assertThat(sent("utc").downloadTimeWindowList()).containsExactly(new HourWindow(17, 20));
		assertThat(run.errLines()).containsExactly("warning: campaign 'spring': America/Chicago changes from UTC-06:00 to"
				+ " UTC-05:00 on 2031-03-09 at 02:00 (clocks go forward to 03:00); the windows were converted at UTC-06:00,"
				+ " so from then on they open one hour later in America/Chicago time (downloadTimeWindows 17-20 become"
				+ " 18-21)");
	}

	@Test
	void anUnknownZoneIsAnInvalidRowAndTwoZonesInOneCampaignConflict() throws IOException {
		Path input = csv("typo,tracker-fw-2.4.1.bin,2.4.1,HTTP,2031-01-13,2031-01-17,17-20,,"
				+ SampleInputs.imei(1) + ",America/Chicgo",
				"mixed,tracker-fw-2.4.1.bin,2.4.1,HTTP,2031-01-13,2031-01-17,17-20,," + SampleInputs.imei(2)
						+ ",America/Chicago",
				"mixed,tracker-fw-2.4.1.bin,2.4.1,HTTP,2031-01-13,2031-01-17,17-20,," + SampleInputs.imei(3)
						+ ",America/Denver");
		Path report = this.work.resolve("report.csv");

		Result run = this.runner.run("validate", "--input", input.toString(), "--account", "ACC", "--today", "2031-01-10",
				"--report", report.toString());

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
		List<String> lines = Files.readAllLines(report);
		assertThat(lines.get(1)).contains(",INVALID,,INVALID_TIME_ZONE,\"timeZone 'America/Chicgo' is not a time zone: use"
				+ " an IANA name such as America/Chicago, Europe/Berlin or UTC\"");
		assertThat(lines.get(2)).contains(",PLANNED,");
		assertThat(lines.get(3)).contains(",CONFLICT,,CONFLICTING_SCHEDULE,");
	}

	@Test
	void anInvalidTimeZoneOptionIsAUsageError() throws IOException {
		Result run = run(csv(), "--time-zone", "CST");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("'CST' is not a time zone: use an IANA name such as America/Chicago");
		assertThat(this.simulator.campaigns()).isEmpty();
	}

	private Result run(Path input, String... more) {
		List<String> args = new java.util.ArrayList<>(List.of("run", "--input", input.toString(), "--account", "ACC",
				"--today", "2031-01-10"));
		args.addAll(List.of(more));
		return this.runner.run(args.toArray(String[]::new));
	}

	private SimulatedCampaign sent(String name) {
		return this.simulator.campaigns().stream().filter(campaign -> name.equals(campaign.campaignName())).findFirst()
			.orElseThrow();
	}

	private Path csv(String... rows) throws IOException {
		List<String> lines = new java.util.ArrayList<>();
		lines.add(HEADER);
		lines.addAll(List.of(rows));
		if (rows.length == 0) {
			lines.add("x,tracker-fw-2.4.1.bin,2.4.1,HTTP,2031-01-13,2031-01-17,,," + SampleInputs.imei(9) + ",");
		}
		return Files.write(this.work.resolve("local.csv"), lines);
	}
}
