package io.github.campaignbatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.campaignbatch.support.MutableClock;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code track} end to end, against the simulator standing in for the real API: a run schedules two campaigns of
 * 1,200 devices (two device pages each), and the simulator's clock decides how far they got. A campaign cancelled
 * between two polls is {@link TrackAndCancelWireMockTest}'s, where the requests on the wire are asserted too.
 */
@Tag("database")
class TrackCommandTest {

	private static final int DEVICES_EACH = 1200;

	@TempDir
	Path work;

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-15T10:00:00Z"));

	private SimulatorServer simulator;

	private CommandRunner runner;

	private Path report;

	@BeforeEach
	void scheduleTwoCampaigns() {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults()
			.withClock(this.clock)
			.withStatusAdvanceAfter(Duration.ofSeconds(2))
			.withLifecycle(new SimulatorOptions.Lifecycle(Duration.ofSeconds(100), 0.1, 0.05)));
		this.runner = new CommandRunner(this.work).onSimulator(this.simulator);
		Path input = SampleInputs.campaigns(this.work.resolve("waves.csv"), "ACC", 2, DEVICES_EACH);
		this.report = this.work.resolve("waves.results.csv");
		Result run = this.runner.run("run", "--input", input.toString(), "--account", "ACC", "--today", "2030-01-15",
				"--report", this.report.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(this.simulator.campaigns()).hasSize(2);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void trackStoresEveryDeviceOverSeveralPagesAndRewritesTheReport() throws Exception {
		this.clock.advance(Duration.ofSeconds(52));

		Result halfway = this.runner.run("track", "--execution", "1");

		assertThat(halfway.exitCode()).as(halfway.toString()).isEqualTo(3);
		assertThat(halfway.out()).contains("Execution 1 (waves.csv): 2 campaign(s) read; devices: UpgradeSuccess ")
			.contains("UpgradeFailed", "DeviceRejected", "pending 1,");
		assertThat(count("SELECT COUNT(*) FROM device_vendor_status")).isEqualTo(2 * DEVICES_EACH);
		List<String> lines = Files.readAllLines(this.report);
		assertThat(lines.get(0)).endsWith(",vendorStatus,deviceStatus,resultReason,statusAt");
		assertThat(lines).hasSize(2 * DEVICES_EACH + 1);
		assertThat(lines.subList(1, lines.size())).allMatch(line -> line.contains(",CampaignScheduled,"));
		assertThat(lines).anyMatch(line -> line.contains(",Accepted,")).anyMatch(line -> line.contains(",UpgradeSuccess,"));

		this.clock.advance(Duration.ofSeconds(60));
		Result end = this.runner.run("track", "--open");

		assertThat(end.out()).contains("2 campaign(s) read").contains("pending 0");
		assertThat(count("SELECT COUNT(*) FROM device_vendor_status WHERE device_status = 'Accepted'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM campaign_tracking WHERE finished")).isEqualTo(2);

		Result again = this.runner.run("track", "--open");

		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).contains("No campaign to track");
	}

	private long count(String sql) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(this.runner.databaseUrl(),
				io.github.campaignbatch.support.TestDatabases.user(), "", true);
		try {
			return new JdbcTemplate(dataSource).queryForObject(sql, Long.class);
		}
		finally {
			dataSource.destroy();
		}
	}
}
