package io.github.campaignbatch.job;

import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.opencsv.CSVReader;
import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.simulator.SimulatedCampaign;
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
 * Issue 19, section 2: operators reuse campaign names ("Retry wave 1") with the same file and dates for other devices.
 * A run whose create answers are all lost, and whose campaigns show in the simulator's history only seconds after
 * they were created, finds an earlier run's campaigns of the same names there first. Those are another run's (other
 * devices), whether that run used another job database or this one (where it was killed before it could learn its
 * campaigns' ids, so no ledger row holds them): the later run must end with the campaigns it created itself, by the
 * simulator's own record, and leave the earlier run's alone.
 */
@Tag("database")
class ReusedCampaignNamesTest {

	private static final String ACCOUNT = "reuse-account";

	private static final List<String> NAMES = List.of("Retry wave 1", "Retry wave 2", "Meters spare");

	private static final int DEVICES_EACH = 2;

	/** Longer than the reconcile delay, shorter than the visibility horizon. */
	private static final Duration HISTORY_LAG = Duration.ofSeconds(2);

	@TempDir
	Path work;

	@Test
	void aRunOnAnotherDatabaseDoesNotClaimTheEarlierRunsCampaignsOfTheSameNames() throws Exception {
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0))) {
			Path earlier = input("earlier.csv", 1);
			Result first = runner(this.work.resolve("first"), simulator).run(run(earlier));
			assertThat(first.exitCode()).as(first.toString()).isZero();
			Set<String> earlierIds = ids(simulator.campaigns());

			simulator.historyLag(HISTORY_LAG).loseCreateAnswers(1.0);
			Path later = input("later.csv", 101);
			CommandRunner second = runner(this.work.resolve("second"), simulator);
			Result result = second.run(run(later));

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(simulator.lostCreateAnswerCount()).as("every create answer of the later run was lost")
				.isEqualTo(NAMES.size());
			assertOwnCampaigns(simulator, later, earlierIds);
			assertTracked(second, later);
			assertOwnCampaigns(simulator, earlier, Set.of());
		}
	}

	@Test
	void aRunOnTheSameDatabaseDoesNotClaimTheCampaignsOfAnEarlierRunStillInDoubt() throws Exception {
		String databaseUrl = TestDatabases.freshUrl(this.work);
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0))) {
			// The earlier run creates its campaigns, hears no answer, cannot see them in the history yet, and is killed.
			simulator.historyLag(Duration.ofHours(1)).loseCreateAnswers(1.0);
			Path earlier = input("earlier.csv", 1);
			Process child = ChildJvm.against(this.work, databaseUrl, simulator)
				.with("CAMPAIGN_SUBMISSION_VISIBILITY_HORIZON", "10m")
				.start("earlier", List.of(run(earlier)));
			ChildJvm.awaitCampaigns(simulator, NAMES.size(), child);
			assertThat(child.isAlive()).as(() -> "the earlier run ended before it could be killed: "
					+ ChildJvm.output(this.work, "earlier")).isTrue();
			child.destroyForcibly();
			assertThat(child.waitFor()).as("killed, not finished").isNotZero();
			Set<String> earlierIds = ids(simulator.campaigns());
			assertThat(earlierIds).hasSize(NAMES.size());

			simulator.historyLag(HISTORY_LAG);
			CommandRunner runner = new CommandRunner(databaseUrl, ChildJvm.dataDirectory(this.work)).onSimulator(simulator)
				.with("thingspace.max-requests-per-second", "100")
				.with("campaign.submission.reconcile-delay", "200ms")
				.with("campaign.submission.visibility-horizon", "6s");
			Path later = input("later.csv", 101);
			Result result = runner.run(run(later));

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertOwnCampaigns(simulator, later, earlierIds);

			List<String> heldIds = TestDatabases.withJdbc(databaseUrl, jdbc -> jdbc.queryForList(
					"SELECT remote_id FROM campaign WHERE remote_id IS NOT NULL", String.class));
			assertThat(heldIds).as("no ledger row holds a campaign of the earlier run, still in doubt")
				.hasSize(NAMES.size())
				.doesNotContainAnyElementsOf(earlierIds);
			assertTracked(runner, later);
		}
	}

	/**
	 * Every device of {@code input} is in exactly one campaign at the simulator, created by that input's run (not
	 * one of {@code createdBefore}), holding exactly the input's devices of that name; the report gives each
	 * device that campaign's id; each name was created once per run.
	 */
	private void assertOwnCampaigns(SimulatorServer simulator, Path input, Set<String> createdBefore) throws Exception {
		Map<String, List<SimulatedCampaign>> byDevice = new HashMap<>();
		for (SimulatedCampaign campaign : simulator.campaigns()) {
			campaign.deviceList().forEach(device -> byDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(campaign));
		}
		assertThat(simulator.createdCountByCampaignName()).as("each name created once per run, never twice by one")
			.containsOnlyKeys(NAMES)
			.allSatisfy((name, count) -> assertThat(count).isEqualTo(2L));
		Map<String, List<String>> devicesByName = new HashMap<>();
		List<String[]> lines = report(input);
		assertThat(lines).hasSize(NAMES.size() * DEVICES_EACH);
		for (String[] cells : lines) {
			devicesByName.computeIfAbsent(cells[3], name -> new ArrayList<>()).add(cells[1]);
		}
		for (String[] cells : lines) {
			String imei = cells[1];
			assertThat(byDevice.get(imei)).as("campaigns at the simulator holding %s", imei).hasSize(1);
			SimulatedCampaign holder = byDevice.get(imei).get(0);
			assertThat(createdBefore).as("%s is in a campaign of the earlier run", imei).doesNotContain(holder.id());
			assertThat(holder.deviceList()).containsExactlyInAnyOrderElementsOf(devicesByName.get(cells[3]));
			assertThat(cells[6]).as(String.join(",", cells)).isEqualTo("SCHEDULED");
			assertThat(cells[7]).as("the id of the campaign holding %s", imei).isEqualTo(holder.id());
		}
	}

	/** {@code track} reads every device of the input's campaigns from the simulator: none left blank. */
	private void assertTracked(CommandRunner runner, Path input) throws Exception {
		Result track = runner.run("track", "--open");
		assertThat(track.exitCode()).as(track.toString()).isNotEqualTo(ExitCodes.FAILED);
		assertThat(report(input)).allSatisfy(cells -> assertThat(cells[11]).as(String.join(",", cells)).isNotBlank());
	}

	private List<String[]> report(Path input) throws Exception {
		try (CSVReader reader = new CSVReader(new FileReader(reportOf(input).toFile()))) {
			List<String[]> lines = reader.readAll();
			return lines.subList(1, lines.size());
		}
	}

	/** The campaigns of {@link #NAMES}, same file and dates in every input, {@link #DEVICES_EACH} devices each. */
	private Path input(String fileName, long firstSerial) throws Exception {
		List<String> lines = new ArrayList<>(List.of(SampleInputs.HEADER));
		long serial = firstSerial;
		for (String name : NAMES) {
			for (int d = 0; d < DEVICES_EACH; d++) {
				lines.add(ACCOUNT + "," + name + ",tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15,"
						+ SampleInputs.imei(serial++));
			}
		}
		return Files.write(this.work.resolve(fileName), lines);
	}

	private String[] run(Path input) {
		return new String[] { "run", "--input", input.toString(), "--account", ACCOUNT, "--today", "2026-01-01",
				"--report", reportOf(input).toString() };
	}

	private static Path reportOf(Path input) {
		return input.resolveSibling(input.getFileName().toString().replace(".csv", ".results.csv"));
	}

	private static Set<String> ids(List<SimulatedCampaign> campaigns) {
		return campaigns.stream().map(SimulatedCampaign::id).collect(Collectors.toSet());
	}

	/** A runner on a fresh database of its own under {@code directory}. */
	private static CommandRunner runner(Path directory, SimulatorServer simulator) {
		return new CommandRunner(directory).onSimulator(simulator)
			.with("thingspace.max-requests-per-second", "100")
			.with("campaign.submission.reconcile-delay", "200ms")
			.with("campaign.submission.visibility-horizon", "6s");
	}
}
