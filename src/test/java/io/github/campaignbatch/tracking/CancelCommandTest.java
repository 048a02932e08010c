package io.github.campaignbatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.github.campaignbatch.support.MutableClock;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code cancel} end to end against the simulator standing in for the real API. A cancel repeated after the process
 * was killed between its DELETE and its record is {@link TrackAndCancelWireMockTest}'s: there a real child JVM is
 * killed, and the vendor's side counts the DELETEs.
 */
@Tag("database")
class CancelCommandTest {

	@TempDir
	Path work;

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-15T10:00:00Z"));

	private SimulatorServer simulator;

	private CommandRunner runner;

	@BeforeEach
	void scheduleTwoCampaigns() {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults()
			.withClock(this.clock)
			.withLifecycle(new SimulatorOptions.Lifecycle(Duration.ofSeconds(100), 0.0, 0.0)));
		this.runner = new CommandRunner(this.work).onSimulator(this.simulator);
		Path input = SampleInputs.campaigns(this.work.resolve("waves.csv"), "ACC", 2, 3);
		Result run = this.runner.run("run", "--input", input.toString(), "--account", "ACC", "--today", "2030-01-15");
		assertThat(run.exitCode()).as(run.toString()).isZero();
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void dryRunListsAndSendsNothing() {
		Result dryRun = this.runner.run("cancel", "--execution", "1", "--dry-run");

		assertThat(dryRun.exitCode()).isZero();
		assertThat(dryRun.out()).contains("would cancel or abort: 'wave-1'", "would cancel or abort: 'wave-2'",
				"Dry run: nothing sent.");
		assertThat(this.simulator.campaigns()).allMatch(campaign -> campaign.status().equals("CampaignRequestPending"));
	}

	@Test
	void withoutYesAndWithoutStandardInputItRefusesInOneLine() {
		InputStream before = System.in;
		System.setIn(new ByteArrayInputStream(new byte[0]));
		try {
			Result refused = this.runner.run("cancel", "--execution", "1");

			assertThat(refused.exitCode()).isEqualTo(2);
			assertThat(refused.errLines()).containsExactly(
					"error: cancel needs a confirmation and standard input is closed: pass --yes");
		}
		finally {
			System.setIn(before);
		}
		assertThat(this.simulator.campaigns()).allMatch(campaign -> campaign.status().equals("CampaignRequestPending"));
	}

	@Test
	void oneCampaignIsCancelledByNameAndTheLedgerRecordsIt() {
		Result cancel = this.runner.run("cancel", "--execution", "1", "--campaign", "wave-2", "--yes");

		assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
		assertThat(cancel.out()).contains("CampaignCancelled: 'wave-2'");
		assertThat(this.simulator.campaigns()).extracting(campaign -> campaign.campaignName() + " " + campaign.status())
			.containsExactlyInAnyOrder("wave-1 CampaignRequestPending", "wave-2 CampaignCancelled");
		assertThat(text("SELECT vendor_status FROM campaign WHERE name = 'wave-2'")).isEqualTo("CampaignCancelled");
		assertThat(text("SELECT cancel_outcome FROM campaign_tracking")).isEqualTo("CampaignCancelled");
	}

	private String text(String sql) {
		return jdbc(jdbc -> jdbc.queryForObject(sql, String.class));
	}

	private <T> T jdbc(java.util.function.Function<JdbcTemplate, T> work) {
		return TestDatabases.withJdbc(this.runner.databaseUrl(), work);
	}
}
