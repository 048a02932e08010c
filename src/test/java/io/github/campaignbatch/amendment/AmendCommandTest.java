package io.github.campaignbatch.amendment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.cli.SharedApplication;
import io.github.campaignbatch.simulator.HourWindow;
import io.github.campaignbatch.simulator.SimulatedCampaign;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.MutableClock;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code amend} end to end against the simulator standing in for ThingSpace: the vendor's rules before and after the
 * start, the whole schedule sent, devices added and removed while pending and refused after, a lost answer settled
 * by reading, local time, and what the ledger, the report and {@code status} keep.
 */
@Tag("database")
class AmendCommandTest {

	private static final String HEADER = "campaignName,fileName,fileVersion,distributionType,startDate,endDate,"
			+ "downloadAfterDate,downloadTimeWindows,installTimeWindows,imei";

	@TempDir
	Path work;

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-10T10:00:00Z"));

	private SimulatorServer simulator;

	private CommandRunner runner;

	private Path report;

	private SharedApplication application;

	@BeforeEach
	void scheduleTwoCampaigns() throws IOException {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults().withClock(this.clock)
			.withStatusAdvanceAfter(Duration.ofHours(1)));
		this.runner = new CommandRunner(this.work).onSimulator(this.simulator);
		// one Spring start for the dozen commands of a test: what is asserted comes from the commands, not the start
		this.application = this.runner.shareOneApplication();
		List<String> lines = new ArrayList<>(List.of(HEADER));
		for (int device = 1; device <= 3; device++) {
			lines.add("wave-1,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15,2030-01-16,1-5,2-6,"
					+ SampleInputs.imei(device));
			lines.add("wave-2,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15,,,," + SampleInputs.imei(10 + device));
		}
		Path input = Files.write(this.work.resolve("waves.csv"), lines);
		this.report = this.work.resolve("waves.results.csv");
		Result run = this.runner.run("run", "--input", input.toString(), "--account", "ACC", "--today", "2030-01-10",
				"--report", this.report.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
	}

	@AfterEach
	void stop() {
		this.application.close();
		this.simulator.close();
	}

	@Test
	void beforeTheStartTheDatesMoveWithTheWholeScheduleSentAndARepeatSendsNothing() {
		Result amend = amend("--campaign", "wave-1", "--start-date", "2030-01-16", "--end-date", "2030-02-20",
				"--install-windows", "22-24");

		assertThat(amend.exitCode()).as(amend.toString()).isZero();
		assertThat(amend.out()).contains("to change the dates of 'wave-1'", "2030-01-15..2030-02-15 (download after"
				+ " 2030-01-16 in 1-5, install after - in 2-6) -> 2030-01-16..2030-02-20 (download after 2030-01-16 in"
				+ " 1-5, install after - in 22-24)", "dates changed: 'wave-1'");
		SimulatedCampaign changed = campaign("wave-1");
		assertThat(changed.startDate()).isEqualTo("2030-01-16");
		assertThat(changed.endDate()).isEqualTo("2030-02-20");
		// not asked, so sent as they were: the vendor clears what a dates PUT leaves out
		assertThat(changed.downloadAfterDate()).isEqualTo("2030-01-16");
		assertThat(changed.downloadTimeWindowList()).containsExactly(new HourWindow(1, 5));
		assertThat(changed.installTimeWindowList()).containsExactly(new HourWindow(22, 24));
		assertThat(campaign("wave-2").startDate()).isEqualTo("2030-01-15");
		assertThat(text("SELECT CAST(start_date AS VARCHAR(10)) || ' ' || CAST(end_date AS VARCHAR(10)) || ' '"
				+ " || install_windows FROM campaign WHERE name = 'wave-1'")).isEqualTo("2030-01-16 2030-02-20 22-24");
		assertThat(text("SELECT state || ' ' || command FROM campaign_amendment")).isEqualTo("APPLIED amend --execution 1"
				+ " --campaign wave-1 --start-date 2030-01-16 --end-date 2030-02-20 --install-windows 22-24 --yes"
				+ " --today 2030-01-10");

		Result again = amend("--campaign", "wave-1", "--start-date", "2030-01-16", "--end-date", "2030-02-20",
				"--install-windows", "22-24");

		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).contains("dates already as asked: 'wave-1'", "Nothing to send");
		assertThat(this.simulator.changeRequestCount()).isEqualTo(1);

		Result status = this.runner.run("status", "--execution", "1");
		assertThat(status.out()).contains("changes (amend):", "'wave-1': dates 2030-01-15..2030-02-15 download after"
				+ " 2030-01-16 in 1-5, install after - in 2-6 -> 2030-01-16..2030-02-20 download after 2030-01-16 in 1-5,"
				+ " install after - in 22-24: APPLIED", "by: amend --execution 1 --campaign wave-1 --start-date 2030-01-16");
	}

	@Test
	void aStartInThePastIsRefusedBeforeAnythingIsSent() {
		Result amend = amend("--campaign", "wave-2", "--start-date", "2030-01-09");

		assertThat(amend.exitCode()).isEqualTo(1);
		assertThat(amend.errLines()).containsExactly("error: cannot change the dates of 'wave-2' ("
				+ campaign("wave-2").id() + "): the start date 2030-01-09 is in the past (today is 2030-01-10)");
		assertThat(this.simulator.changeRequestCount()).isZero();
	}

	@Test
	void onceStartedOnlyALaterEndAtLeastADayAwayAndMoreWindowsAreSent() {
		this.clock.advance(Duration.ofDays(6));
		String id = campaign("wave-1").id();

		Result start = amend("--today", "2030-01-16", "--campaign", "wave-1", "--start-date", "2030-01-16");
		Result soon = amend("--today", "2030-01-16", "--campaign", "wave-1", "--end-date", "2030-01-16");
		Result fewer = amend("--today", "2030-01-16", "--campaign", "wave-1", "--download-windows", "none");

		assertThat(start.exitCode()).isEqualTo(1);
		assertThat(start.errLines()).containsExactly("error: cannot change the dates of 'wave-1' (" + id + "): it started"
				+ " on 2030-01-15: its start date cannot change any more (only a later end date and more windows can)");
		assertThat(soon.errLines()).containsExactly("error: cannot change the dates of 'wave-1' (" + id + "): it started"
				+ " on 2030-01-15: its end date must be at least 24 hours from now: 2030-01-17 or later");
		assertThat(fewer.errLines()).containsExactly("error: cannot change the dates of 'wave-1' (" + id + "): it started"
				+ " on 2030-01-15: windows can be added, not removed (1-5 would go)");
		assertThat(this.simulator.changeRequestCount()).isZero();

		Result later = amend("--today", "2030-01-16", "--campaign", "wave-1", "--end-date", "2030-03-01",
				"--download-windows", "1-5;20-22");

		assertThat(later.exitCode()).as(later.toString()).isZero();
		assertThat(campaign("wave-1").endDate()).isEqualTo("2030-03-01");
		assertThat(campaign("wave-1").downloadTimeWindowList()).containsExactly(new HourWindow(1, 5), new HourWindow(20, 22));
	}

	@Test
	void devicesAreAddedAndRemovedWhilePendingTheInvalidOnesLeftOutAndTheReportShowsBoth() throws IOException {
		String id = campaign("wave-1").id();
		Path add = Files.write(this.work.resolve("add.txt"), List.of(SampleInputs.imei(21), "352099010000999",
				SampleInputs.imei(21), SampleInputs.imei(11)));
		Path remove = Files.write(this.work.resolve("remove.csv"), List.of("note,IMEI", "site closed," + SampleInputs.imei(2)));
		assertThat(this.runner.run("track", "--execution", "1").exitCode()).isZero();

		Result amend = amend("--campaign", "wave-1", "--add", add.toString(), "--remove", remove.toString());

		assertThat(amend.exitCode()).as(amend.toString()).isEqualTo(3);
		assertThat(amend.out()).contains(
				"left out: --add add.txt row 2: INVALID_IMEI IMEI '352099010000999' fails the check digit (Luhn)",
				"left out: --add add.txt row 3: DUPLICATE_DEVICE IMEI " + SampleInputs.imei(21) + " already listed at row 1",
				"left out: " + SampleInputs.imei(11) + " ALREADY_IN_ACTIVE_CAMPAIGN device is already in active campaign"
						+ " 'wave-2'",
				"to add 1 and remove 1 device(s) of 'wave-1'", "devices changed: 'wave-1' (" + id + "): 1 added, 1 removed");
		assertThat(campaign("wave-1").deviceList()).containsExactly(SampleInputs.imei(1), SampleInputs.imei(3),
				SampleInputs.imei(21));
		assertThat(text("SELECT CAST(device_count AS VARCHAR(5)) || ' ' || imeis FROM campaign WHERE name = 'wave-1'"))
			.isEqualTo("3 " + SampleInputs.imei(1) + "," + SampleInputs.imei(3) + "," + SampleInputs.imei(21));
		assertThat(text("SELECT COUNT(*) FROM device_vendor_status WHERE imei = '" + SampleInputs.imei(2) + "'"))
			.as("a removed device's last tracked status no longer counts for the campaign").isEqualTo("0");
		List<String> report = readReport();
		assertThat(report).anySatisfy(line -> assertThat(line).startsWith("4," + SampleInputs.imei(2) + ",ACC,wave-1,")
			.contains(",REMOVED," + id + ","));
		assertThat(report.get(report.size() - 1)).startsWith("," + SampleInputs.imei(21) + ",ACC,wave-1,tracker-fw-2.4.1.bin,"
				+ "2.4.1,SCHEDULED," + id + ",");

		Result again = amend("--campaign", "wave-1", "--add", Files.write(this.work.resolve("again.txt"),
				List.of(SampleInputs.imei(21))).toString(), "--remove", remove.toString());

		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).contains("already in 'wave-1' (" + id + "), not sent again: " + SampleInputs.imei(21),
				"not in 'wave-1' (" + id + "), nothing to remove: " + SampleInputs.imei(2), "Nothing to send");
		assertThat(this.simulator.changeRequestCount()).isEqualTo(1);
	}

	@Test
	void devicesAreRefusedOnceTheCampaignIsNoLongerPending() throws IOException {
		this.clock.advance(Duration.ofHours(2));
		Path add = Files.write(this.work.resolve("add.txt"), List.of(SampleInputs.imei(21)));

		Result amend = amend("--campaign", "wave-1", "--add", add.toString());

		assertThat(amend.exitCode()).isEqualTo(1);
		assertThat(amend.errLines()).containsExactly("error: cannot add or remove devices of 'wave-1' ("
				+ campaign("wave-1").id() + "): it is CampaignScheduled: devices can be added or removed only while it is"
				+ " CampaignRequestPending or CampaignRequestQueued");
		assertThat(this.simulator.changeRequestCount()).isZero();
	}

	@Test
	void aLostAnswerIsSettledByReadingTheCampaignAndNotSentAgain() throws IOException {
		this.simulator.loseChangeAnswers(1.0);
		Path add = Files.write(this.work.resolve("add.txt"), List.of(SampleInputs.imei(21)));

		Result dates = amend("--campaign", "wave-2", "--end-date", "2030-02-28");
		Result devices = amend("--campaign", "wave-2", "--add", add.toString());

		assertThat(dates.exitCode()).as(dates.toString()).isZero();
		assertThat(dates.out()).contains("dates changed: 'wave-2'", "(the answer was lost; the campaign shows the change)");
		assertThat(devices.exitCode()).as(devices.toString()).isZero();
		assertThat(devices.out()).contains("(the answer was lost; the device report shows the change)");
		assertThat(this.simulator.changeRequestCount()).isEqualTo(2);
		assertThat(campaign("wave-2").deviceList()).contains(SampleInputs.imei(21));
		assertThat(text("SELECT COUNT(*) FROM campaign_amendment WHERE state = 'APPLIED'")).isEqualTo("2");
		assertThat(text("SELECT CAST(end_date AS VARCHAR(10)) FROM campaign WHERE name = 'wave-2'")).isEqualTo("2030-02-28");
	}

	@Test
	void aChangeLeftRequestedByACrashIsSettledByReadingBeforeAnythingIsSentAgain() {
		// What a process killed right after its PUT leaves: the change written as requested, applied at the vendor.
		Result first = amend("--campaign", "wave-2", "--end-date", "2030-02-28");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		execute("UPDATE campaign_amendment SET state = 'REQUESTED', outcome = NULL, settled_at = NULL");
		execute("UPDATE campaign SET end_date = DATE '2030-02-15' WHERE name = 'wave-2'");

		Result repeated = amend("--campaign", "wave-2", "--end-date", "2030-02-28");

		assertThat(repeated.exitCode()).as(repeated.toString()).isZero();
		assertThat(repeated.out()).contains("settled: the dates change of 'wave-2'", "is applied at ThingSpace",
				"dates already as asked: 'wave-2'");
		assertThat(this.simulator.changeRequestCount()).isEqualTo(1);
		assertThat(text("SELECT state FROM campaign_amendment")).isEqualTo("APPLIED");
		assertThat(text("SELECT CAST(end_date AS VARCHAR(10)) FROM campaign WHERE name = 'wave-2'")).isEqualTo("2030-02-28");
	}

	@Test
	void windowsInLocalTimeAreConvertedAndACampaignAcrossAClockChangeIsWarnedOf() {
		Result evening = amend("--campaign", "wave-2", "--time-zone", "America/Chicago", "--end-date", "2030-01-31",
				"--download-windows", "17-20", "--install-windows", "17-20");

		assertThat(evening.exitCode()).as(evening.toString()).isZero();
		assertThat(campaign("wave-2").downloadTimeWindowList()).containsExactly(new HourWindow(0, 2), new HourWindow(23, 24));
		assertThat(campaign("wave-2").endDate()).isEqualTo("2030-02-01");
		assertThat(evening.err()).doesNotContain("warning");

		Result spring = amend("--campaign", "wave-2", "--time-zone", "America/Chicago", "--end-date", "2030-03-20");

		assertThat(spring.exitCode()).as(spring.toString()).isZero();
		assertThat(campaign("wave-2").endDate()).isEqualTo("2030-03-21");
		assertThat(spring.errLines()).containsExactly("warning: campaign 'wave-2': America/Chicago changes from UTC-06:00"
				+ " to UTC-05:00 on 2030-03-10 at 02:00 (clocks go forward to 03:00); the windows were converted at"
				+ " UTC-06:00, so from then on they open one hour later in America/Chicago time (downloadTimeWindows 17-20"
				+ " become 18-21, installTimeWindows 17-20 become 18-21)");
	}

	@Test
	void aDryRunReadsAndListsAndWithoutYesAndStandardInputNothingIsSent() {
		Result dryRun = this.runner.run("amend", "--execution", "1", "--end-date", "2030-02-28", "--dry-run", "--today",
				"2030-01-10");

		assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
		assertThat(dryRun.out()).contains("would change the dates of 'wave-1'", "would change the dates of 'wave-2'",
				"Dry run: nothing sent.");

		InputStream before = System.in;
		System.setIn(new ByteArrayInputStream(new byte[0]));
		try {
			Result refused = this.runner.run("amend", "--execution", "1", "--end-date", "2030-02-28", "--today",
					"2030-01-10");

			assertThat(refused.exitCode()).isEqualTo(2);
			assertThat(refused.errLines()).containsExactly(
					"error: amend needs a confirmation and standard input is closed: pass --yes");
		}
		finally {
			System.setIn(before);
		}
		assertThat(this.simulator.changeRequestCount()).isZero();
		assertThat(text("SELECT COUNT(*) FROM campaign_amendment")).isEqualTo("0");
	}

	@Test
	void nothingAskedAndAddingToSeveralCampaignsAreUsageErrors() throws IOException {
		Path add = Files.write(this.work.resolve("add.txt"), List.of(SampleInputs.imei(21)));

		Result nothing = this.runner.run("amend", "--execution", "1");
		Result several = this.runner.run("amend", "--execution", "1", "--add", add.toString(), "--yes");

		assertThat(nothing.exitCode()).isEqualTo(2);
		assertThat(nothing.errLines()).containsExactly("error: nothing to change: give --start-date, --end-date,"
				+ " --download-after, --install-after, --download-windows, --install-windows, --add or --remove");
		assertThat(several.exitCode()).isEqualTo(2);
		assertThat(several.errLines()).containsExactly("error: --add adds devices to one campaign, and execution 1 has 2"
				+ " scheduled: name it with --campaign");
	}

	private Result amend(String... options) {
		List<String> args = new ArrayList<>(List.of("amend", "--execution", "1"));
		args.addAll(List.of(options));
		args.add("--yes");
		if (!args.contains("--today")) {
			args.addAll(List.of("--today", "2030-01-10"));
		}
		return this.runner.run(args.toArray(String[]::new));
	}

	private SimulatedCampaign campaign(String name) {
		return this.simulator.campaigns().stream().filter(campaign -> name.equals(campaign.campaignName())).findFirst()
			.orElseThrow();
	}

	private List<String> readReport() throws IOException {
		return Files.readAllLines(this.report);
	}

	private String text(String sql) {
		return jdbc(jdbc -> jdbc.queryForObject(sql, String.class));
	}

	private void execute(String sql) {
		jdbc(jdbc -> jdbc.update(sql));
	}

	private <T> T jdbc(java.util.function.Function<JdbcTemplate, T> work) {
		return TestDatabases.withJdbc(this.runner.databaseUrl(), work);
	}
}
