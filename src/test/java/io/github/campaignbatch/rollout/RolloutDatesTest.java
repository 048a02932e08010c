package io.github.campaignbatch.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.MutableClock;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dates of a wave released later: it starts on the day of its release (the job's today, UTC), keeps the row's end
 * date, and is not sent at all once that end date has passed. The run happens "days ago": its {@code --today} and the
 * simulator's clock lie in the past, the release happens today.
 */
@Tag("database")
class RolloutDatesTest {

	private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	@TempDir
	Path work;

	private SimulatorServer simulator;

	private MutableClock clock;

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	/** Runs a rollout of 30 devices (pilot 20) days ago, its campaign dated {@code start} to {@code end}. */
	private CommandRunner runDaysAgo(LocalDate start, LocalDate end) throws Exception {
		this.clock = new MutableClock(start.atTime(10, 0).toInstant(ZoneOffset.UTC));
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults().withClock(this.clock)
			.withLifecycle(new SimulatorOptions.Lifecycle(Duration.ofSeconds(100), 0.0, 0.0)));
		CommandRunner runner = new CommandRunner(this.work).onSimulator(this.simulator);
		List<String> lines = new ArrayList<>(List.of(SampleInputs.HEADER));
		for (int serial = 1; serial <= 30; serial++) {
			lines.add("ACC,fleet,tracker-fw-2.4.1.bin,2.4.1,HTTP," + start + "," + end + "," + SampleInputs.imei(serial));
		}
		Path input = Files.write(this.work.resolve("fleet.csv"), lines);
		Result run = runner.run("run", "--input", input.toString(), "--account", "ACC", "--today", start.toString(),
				"--report", this.work.resolve("fleet.results.csv").toString(), "--pilot", "20");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.simulator.campaigns()).hasSize(1);
		return runner;
	}

	@Test
	void aWaveReleasedLaterStartsOnTheDayOfItsReleaseAndKeepsItsEndDate() throws Exception {
		LocalDate start = TODAY.minusDays(3);
		CommandRunner runner = runDaysAgo(start, TODAY.plusDays(30));
		// the pilot ran its course at the vendor, and the simulator's day is today when the wave arrives
		this.clock.advance(Duration.ofDays(3));

		Result track = runner.run("track", "--execution", "1");

		assertThat(track.out()).as(track.toString()).contains("wave 2 of 2 released (10 device(s), starting " + TODAY);
		assertThat(this.simulator.campaigns()).hasSize(2);
		assertThat(this.simulator.campaigns().get(0).startDate()).isEqualTo(start.toString());
		assertThat(this.simulator.campaigns().get(1).startDate()).isEqualTo(TODAY.toString());
		assertThat(this.simulator.campaigns().get(1).endDate()).isEqualTo(TODAY.plusDays(30).toString());
		assertThat(text(runner, "SELECT CAST(start_date AS VARCHAR(10)) FROM campaign WHERE wave_no = 2"))
			.isEqualTo(TODAY.toString());
	}

	@Test
	void aWaveWhoseEndDatePassedBeforeItsReleaseIsNotSentAndSaysSo() throws Exception {
		LocalDate end = TODAY.minusDays(1);
		CommandRunner runner = runDaysAgo(TODAY.minusDays(9), end);

		Result track = runner.run("track", "--execution", "1");

		assertThat(track.exitCode()).as(track.toString()).isEqualTo(3);
		assertThat(track.out()).contains("rollout of 'fleet': 10 device(s) of wave 2 of 2 EXPIRED, not sent: the"
				+ " campaign's end date " + end + " passed before this wave was released");
		assertThat(this.simulator.campaigns()).hasSize(1);
		List<String> lines = Files.readAllLines(this.work.resolve("fleet.results.csv"));
		assertThat(lines.subList(21, 31)).allSatisfy(line -> assertThat(line).contains(",EXPIRED,", ",WAVE_EXPIRED,"));
		assertThat(runner.run("rollout", "--execution", "1", "--release", "--yes").out())
			.contains("Nothing to release");
	}

	private static String text(CommandRunner runner, String sql) {
		return TestDatabases.withJdbc(runner.databaseUrl(), jdbc -> jdbc.queryForObject(sql, String.class));
	}
}
