package io.github.campaignbatch.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.support.PauseAtCheckpoint;
import io.github.campaignbatch.job.StepCheckpointListener.Checkpoint;
import io.github.campaignbatch.simulator.BadFile;
import io.github.campaignbatch.simulator.SimulatedCampaign;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.ChildJvm;
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

/**
 * Rollouts in waves through the command line against the bundled simulator, whose clock the test moves: a campaign
 * runs 100 s at the simulator, every device succeeding unless its file is made bad. The simulator's own records prove
 * what was sent: which campaigns, with which devices, how many times.
 */
@Tag("database")
class RolloutSimulatorTest {

	private static final String FILE = "tracker-fw-2.4.1.bin";

	private static final Duration CAMPAIGN_RUNS = Duration.ofSeconds(100);

	@TempDir
	Path work;

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-15T10:00:00Z"));

	private SimulatorServer simulator;

	private CommandRunner runner;

	private Path input;

	private Path report;

	@BeforeEach
	void start() {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults()
			.withClock(this.clock)
			.withLifecycle(new SimulatorOptions.Lifecycle(CAMPAIGN_RUNS, 0.0, 0.0)));
		this.runner = new CommandRunner(this.work).onSimulator(this.simulator)
			.with("campaign.submission.reconcile-delay", "0s")
			.with("campaign.submission.visibility-horizon", "3s");
		this.input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "ACC", 1, 100);
		this.report = this.work.resolve("fleet.results.csv");
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	private Result run(String... rollout) {
		List<String> args = new ArrayList<>(List.of("run", "--input", this.input.toString(), "--account", "ACC",
				"--today", "2030-01-15", "--report", this.report.toString()));
		args.addAll(List.of(rollout));
		return this.runner.run(args.toArray(String[]::new));
	}

	/** Lets every campaign sent so far run to its end at the simulator, then tracks. */
	private Result trackAfterTheCampaignsEnded() {
		this.clock.advance(CAMPAIGN_RUNS.plusSeconds(10));
		return this.runner.run("track", "--execution", "1");
	}

	@Test
	void aGoodFileRollsOutPilotThenWavesThenCompleteWithEachDeviceSentOnce() throws Exception {
		Result run = run("--pilot", "20", "--waves", "50,100");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("SCHEDULED  wave-1-wave-1-of-3 (20 devices)", "HELD       wave-1-wave-2-of-3 (30 devices)")
			.contains("'wave-1': pilot 20, then 30, then 50");
		assertThat(devicesSent()).containsExactlyElementsOf(SampleInputs.imeis(1, 20));

		Result second = trackAfterTheCampaignsEnded();

		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).contains("rollout of 'wave-1': wave 2 of 3 released (30 device(s), starting 2030-01-15,"
				+ " gate passed: wave 1: 20 of 20 device(s) that reached a final status succeeded (100%), gate 90%): SCHEDULED id ");
		assertThat(devicesSent()).containsExactlyElementsOf(SampleInputs.imeis(1, 50));

		Result waiting = this.runner.run("track", "--execution", "1");

		// the gate counts every wave before it: the pilot's 20 successes are not 90% of the 50 devices sent
		assertThat(waiting.out()).contains("rollout of 'wave-1': wave 3 of 3 waits for its gate (90%): 20 of 20 device(s)"
				+ " that reached a final status succeeded (100%, 30 still pending)");
		assertThat(this.simulator.campaigns()).hasSize(2);

		Result third = trackAfterTheCampaignsEnded();

		assertThat(third.out()).contains("wave 3 of 3 released (50 device(s)", "gate passed: waves 1-2: 50 of 50");
		Result last = trackAfterTheCampaignsEnded();
		assertThat(last.exitCode()).as(last.toString()).isZero();
		assertThat(last.out()).contains("devices: UpgradeSuccess 100, pending 0").doesNotContain("rollout of");
		assertThat(this.runner.run("track", "--open").out()).contains("No campaign to track");

		assertThat(devicesSent()).as("every device sent, each once, in input order").containsExactlyElementsOf(SampleInputs.imeis(1, 100));
		assertThat(this.simulator.createdCountByCampaignName()).containsOnlyKeys("wave-1-wave-1-of-3",
				"wave-1-wave-2-of-3", "wave-1-wave-3-of-3").allSatisfy((name, count) -> assertThat(count).isOne());
		List<String> lines = Files.readAllLines(this.report);
		assertThat(lines.get(0)).startsWith("row,imei,account,campaignName,wave,");
		assertThat(lines.subList(1, lines.size())).hasSize(100).allMatch(line -> line.contains(",SCHEDULED,"))
			.allMatch(line -> line.contains(",UpgradeSuccess,"));
		assertThat(lines.get(100)).contains(",wave-1-wave-3-of-3,3,");

		Result status = this.runner.run("status", "--execution", "1");
		assertThat(status.out()).contains("rollout 'wave-1' (pilot 20, waves 50,100, gate 0.9): pilot 20, then 30, then 50")
			.contains("wave 1 of 3: sent with the run, 20 device(s), SCHEDULED; 20 of 20 device(s) that reached a final"
					+ " status succeeded (100%)")
			.contains("wave 3 of 3: released on ");
	}

	@Test
	void aDeviceOfAWaveWaitingForItsGateIsNotSentByAnotherRun() throws Exception {
		assertThat(run("--pilot", "20", "--waves", "50,100").exitCode()).isZero();
		// serial 90 is in wave 3 of execution 1, HELD: the rollout will send it
		Path other = Files.write(this.work.resolve("other.csv"), List.of(SampleInputs.HEADER,
				"ACC,spare,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(90),
				"ACC,spare,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(200)));

		Result second = this.runner.run("run", "--input", other.toString(), "--account", "ACC", "--today", "2030-01-15",
				"--report", this.work.resolve("other.results.csv").toString());

		assertThat(second.exitCode()).as(second.toString()).isEqualTo(3);
		assertThat(Files.readAllLines(this.work.resolve("other.results.csv")))
			.anySatisfy(line -> assertThat(line).startsWith("2," + SampleInputs.imei(90) + ",")
				.contains("ALREADY_IN_ACTIVE_CAMPAIGN")
				.contains("rollout --execution 1 --halt"));
		assertThat(this.simulator.campaigns().stream().flatMap(campaign -> campaign.deviceList().stream()))
			.as("only the pilot and the other run's free device were sent")
			.doesNotContain(SampleInputs.imei(90))
			.contains(SampleInputs.imei(200));
	}

	@Test
	void aBadFileHaltsAfterItsPilotNothingMoreIsSentAndAnOperatorReleasesOrHaltsByHand() throws Exception {
		this.simulator.badFile(new BadFile(FILE, "2.4.1", 1.0));
		run("--pilot", "20", "--waves", "50,100");

		Result halted = trackAfterTheCampaignsEnded();

		assertThat(halted.exitCode()).as(halted.toString()).isEqualTo(3);
		assertThat(halted.out()).contains("rollout of 'wave-1' halted after wave 1 of 3: 0 of 20 device(s) that reached"
				+ " a final status succeeded (0%), below the gate of 90%; 80 device(s) of waves 2-3 of 3 not sent (HALTED)");
		List<String> lines = Files.readAllLines(this.report);
		assertThat(lines.subList(21, 101)).allSatisfy(line -> assertThat(line).contains(",HALTED,", ",ROLLOUT_HALTED,",
				"0 of 20 device(s) that reached a final status succeeded (0%)"));
		Result again = trackAfterTheCampaignsEnded();
		assertThat(again.exitCode()).isEqualTo(3);
		assertThat(again.out()).doesNotContain("released");
		assertThat(this.simulator.campaigns()).as("nothing more sent").hasSize(1);
		assertThat(this.runner.run("track", "--open").out()).contains("No campaign to track");
		assertThat(this.runner.run("status", "--execution", "1").out()).contains("wave 2 of 3: HALTED, 30 device(s):"
				+ " rollout of 'wave-1' halted after wave 1 of 3");

		Result dryRun = this.runner.run("rollout", "--execution", "1", "--release", "--dry-run");
		Result refused = this.runner.run("rollout", "--execution", "1", "--release", "--campaign", "no-such");

		assertThat(dryRun.out()).contains("would release: 'wave-1' wave 2 of 3 (30 device(s), HALTED: rollout of 'wave-1'"
				+ " halted after wave 1 of 3", "then wave 3 (50 device(s))", "Dry run: nothing changed.");
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains("execution 1: execution has no rollout named 'no-such'");
		assertThat(this.simulator.campaigns()).hasSize(1);

		Result released = this.runner.run("rollout", "--execution", "1", "--release", "--campaign", "wave-1", "--yes");

		assertThat(released.exitCode()).as(released.toString()).isZero();
		assertThat(released.out()).contains("rollout of 'wave-1': wave 2 of 3 released by hand (30 device(s), starting"
				+ " 2030-01-15): SCHEDULED id ", "the waves after it wait for their gates");
		assertThat(devicesSent()).containsExactlyElementsOf(SampleInputs.imeis(1, 50));
		assertThat(text("SELECT state FROM campaign WHERE wave_no = 3")).isEqualTo("HELD");

		Result halt = this.runner.run("rollout", "--execution", "1", "--halt", "--yes");

		assertThat(halt.exitCode()).as(halt.toString()).isZero();
		assertThat(halt.out()).contains("rollout of 'wave-1' halted by hand: 50 device(s) of wave 3 of 3 not sent (HALTED)");
		assertThat(text("SELECT error_message FROM campaign WHERE wave_no = 3")).startsWith("rollout of 'wave-1' halted by"
				+ " hand on ");
		Result track = trackAfterTheCampaignsEnded();
		assertThat(track.exitCode()).isEqualTo(3);
		assertThat(this.simulator.campaigns()).as("a halted rollout sends nothing by itself").hasSize(2);
		assertThat(this.runner.run("rollout", "--execution", "1", "--halt", "--yes").out())
			.contains("rollout of 'wave-1' is already halted");
	}

	@Test
	void aLostAnswerOnAWavesPostIsSettledFromTheHistoryNeitherLostNorSentTwice() throws Exception {
		run("--pilot", "20");
		this.simulator.loseCreateAnswers(1.0);

		Result lost = trackAfterTheCampaignsEnded();

		assertThat(lost.out()).as(lost.toString()).contains("wave 2 of 2 released (80 device(s)", "UNKNOWN (answer lost");
		assertThat(this.simulator.lostCreateAnswerCount()).isEqualTo(1);
		assertThat(text("SELECT state FROM campaign WHERE wave_no = 2")).isEqualTo("UNKNOWN");
		this.simulator.loseCreateAnswers(0.0);

		Result settled = this.runner.run("track", "--execution", "1");

		assertThat(settled.exitCode()).as(settled.toString()).isZero();
		assertThat(text("SELECT state FROM campaign WHERE wave_no = 2")).isEqualTo("SCHEDULED");
		assertThat(text("SELECT remote_id FROM campaign WHERE wave_no = 2"))
			.isEqualTo(this.simulator.campaigns().get(1).id());
		assertThat(this.simulator.createdCountByCampaignName()).containsOnlyKeys("wave-1-wave-1-of-2", "wave-1-wave-2-of-2")
			.allSatisfy((name, count) -> assertThat(count).isOne());
		assertThat(devicesSent()).containsExactlyElementsOf(SampleInputs.imeis(1, 100));
	}

	@Test
	void thePilotLimitRefusalIsRecognisedAndAPilotOf20RollsOutWithinIt() throws Exception {
		this.simulator.pilotLimit(true);

		Result refused = run();

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
		assertThat(this.simulator.campaigns()).isEmpty();
		List<String> lines = Files.readAllLines(this.report);
		assertThat(lines.subList(1, lines.size())).hasSize(100).allSatisfy(line -> assertThat(line)
			.contains(",REJECTED,", ",PILOT_LIMIT_EXCEEDED,", "ThingSpace refused this campaign for its pilot limit",
					"may hold at most 20 devices", "run the input with --pilot 20 to roll out within the limit"));
		Path retry = this.work.resolve("retry.csv");
		assertThat(this.runner.run("report", "--execution", "1", "--rejected", "--output", retry.toString()).exitCode())
			.isZero();
		this.input = retry;

		Result pilot = run("--pilot", "20");

		assertThat(pilot.exitCode()).as(pilot.toString()).isZero();
		assertThat(devicesSent()).containsExactlyElementsOf(SampleInputs.imeis(1, 20));
		Result next = this.runner.run("track", "--open");
		assertThat(next.out()).contains("waits for its gate");
		this.clock.advance(CAMPAIGN_RUNS.plusSeconds(10));
		Result wave = this.runner.run("track", "--open");
		assertThat(wave.out()).as(wave.toString()).contains("wave 2 of 2 released (80 device(s)", "SCHEDULED id");
		assertThat(devicesSent()).containsExactlyElementsOf(SampleInputs.imeis(1, 100));
	}

	/**
	 * The policy is part of what makes a run the same run, without making it another job instance: the same input run
	 * again with another policy finds its waves planned (a restart after a kill here, a completed run below), keeps them
	 * and says so, and sends no device twice.
	 */
	@Test
	void theSameInputRunAgainWithAnotherPolicyKeepsThePlannedWavesAndSendsNoDeviceTwice() throws Exception {
		List<String> command = List.of("run", "--input", this.input.toString(), "--account", "ACC", "--today",
				"2030-01-15", "--report", this.report.toString(), "--pilot", "20");
		Process child = ChildJvm.against(this.work, this.runner.databaseUrl(), this.simulator)
			.pauseAt(Checkpoint.REPORT)
			.start("child", command);
		try {
			ChildJvm.awaitOutput(this.work, "child", PauseAtCheckpoint.pausedAt(Checkpoint.REPORT), child);
			assertThat(ChildJvm.output(this.work, "child")).contains(PauseAtCheckpoint.pausedAt(Checkpoint.REPORT));
		}
		finally {
			child.destroyForcibly();
			child.waitFor();
		}
		assertThat(devicesSent()).containsExactlyElementsOf(SampleInputs.imeis(1, 20));

		Result restarted = run("--pilot", "50", "--waves", "100");

		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(restarted.out()).contains("note               this input was planned with pilot 20, waves 100, gate 0.9:"
				+ " kept; the rollout options of this execution (pilot 50, waves 100, gate 0.9) apply to new inputs only")
			.contains("'wave-1': pilot 20, then 80");
		assertThat(devicesSent()).as("nothing sent again").containsExactlyElementsOf(SampleInputs.imeis(1, 20));

		Result complete = run();

		assertThat(complete.out()).contains("Already processed");
		assertThat(devicesSent()).containsExactlyElementsOf(SampleInputs.imeis(1, 20));
		Result track = trackAfterTheCampaignsEnded();
		assertThat(track.out()).contains("wave 2 of 2 released (80 device(s)");
		assertThat(devicesSent()).containsExactlyElementsOf(SampleInputs.imeis(1, 100));
	}

	/**
	 * The nightly service: a file dropped into the inbox rolls out as {@code campaign.rollout.*} says, and each tick's
	 * tracking sends the next wave when its gate passed.
	 */
	@Test
	void theScheduleServiceRollsFilesOutAsConfiguredAndItsTicksReleaseTheNextWaves() throws Exception {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		Files.copy(this.input, inbox.resolve("fleet.csv"));
		// parts of 15 devices at most: each wave is split, and every part of a wave is released with it
		CommandRunner service = this.runner.with("campaign.rollout.pilot", "20").with("campaign.rollout.waves", "50,100")
			.with("campaign.max-devices-per-campaign", "15");
		String[] tick = { "schedule", "--inbox", inbox.toString(), "--once", "--settle", "0", "--account", "ACC",
				"--today", "2030-01-15" };

		Result first = service.run(tick);

		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).contains("'wave-1': pilot 20, then 30, then 50");
		// the run sends a wave's parts side by side: in any order
		assertThat(devicesSent()).containsExactlyInAnyOrderElementsOf(SampleInputs.imeis(1, 20));
		this.clock.advance(CAMPAIGN_RUNS.plusSeconds(10));

		Result second = service.run(tick);

		assertThat(second.out()).as(second.toString()).contains("Nothing to do", "tracking 1 execution(s)",
				"rollout of 'wave-1': wave 2 of 3 released (30 device(s)", "gate passed: wave 1: 20 of 20");
		assertThat(devicesSent()).containsExactlyInAnyOrderElementsOf(SampleInputs.imeis(1, 50));
		assertThat(this.simulator.createdCountByCampaignName()).containsOnlyKeys("wave-1-wave-1-of-3-part-1-of-2",
				"wave-1-wave-1-of-3-part-2-of-2", "wave-1-wave-2-of-3-part-1-of-2", "wave-1-wave-2-of-3-part-2-of-2");
		assertThat(Files.readAllLines(inbox.resolve("done/fleet.csv.results.csv")).get(36))
			.contains(",wave-1-wave-2-of-3-part-2-of-2,2,", ",SCHEDULED,");
	}

	/** The devices of every campaign the simulator created, in creation order. */
	private List<String> devicesSent() {
		List<String> devices = new ArrayList<>();
		for (SimulatedCampaign campaign : this.simulator.campaigns()) {
			devices.addAll(campaign.deviceList());
		}
		return devices;
	}

	private String text(String sql) {
		return TestDatabases.withJdbc(this.runner.databaseUrl(), jdbc -> jdbc.queryForObject(sql, String.class));
	}
}
