package io.github.campaignbatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/** {@code cancel} end to end against the simulator standing in for the real API. */
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
		this.runner = new CommandRunner(this.work).with("thingspace.base-url", this.simulator.baseUrl().toString())
			.with("thingspace.client-id", SimulatorOptions.DEFAULT_CLIENT_ID)
			.with("thingspace.client-secret", SimulatorOptions.DEFAULT_CLIENT_SECRET)
			.with("thingspace.username", SimulatorOptions.DEFAULT_USERNAME)
			.with("thingspace.password", SimulatorOptions.DEFAULT_PASSWORD);
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

	@Test
	void aCancelRepeatedAfterACrashBetweenTheDeleteAndItsRecordSendsNothingAgain() throws Exception {
		// What a process killed right after its DELETE leaves: the request noted, the campaign cancelled at the vendor.
		String id = this.simulator.campaigns().stream().filter(campaign -> campaign.campaignName().equals("wave-1"))
			.findFirst().orElseThrow().id();
		execute("INSERT INTO campaign_tracking (campaign_id, job_instance_id, cancel_requested_at, cancel_outcome)"
				+ " SELECT id, job_instance_id, CURRENT_TIMESTAMP, 'requested' FROM campaign WHERE remote_id = '" + id + "'");
		assertThat(deleteAtTheVendor(id)).isEqualTo(200);

		Result repeated = this.runner.run("cancel", "--execution", "1", "--yes");

		assertThat(repeated.exitCode()).as(repeated.toString()).isZero();
		assertThat(repeated.out()).contains("already CampaignCancelled: 'wave-1' (" + id + ") (not sent)")
			.doesNotContain("refused")
			.contains("CampaignCancelled: 'wave-2'");
		assertThat(text("SELECT vendor_status FROM campaign WHERE remote_id = '" + id + "'")).isEqualTo("CampaignCancelled");

		Result third = this.runner.run("cancel", "--execution", "1", "--yes");

		assertThat(third.exitCode()).isZero();
		assertThat(third.out()).contains("already CampaignCancelled: 'wave-1'", "already CampaignCancelled: 'wave-2'",
				"Nothing to cancel");
	}

	/** The DELETE the crashed process sent, straight to the simulator. */
	private int deleteAtTheVendor(String id) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI base = this.simulator.baseUrl();
		String basic = Base64.getEncoder().encodeToString((SimulatorOptions.DEFAULT_CLIENT_ID + ":"
				+ SimulatorOptions.DEFAULT_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		String token = field(http.send(HttpRequest.newBuilder(base.resolve("/api/ts/v1/oauth2/token"))
			.header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
				HttpResponse.BodyHandlers.ofString()).body(), "access_token");
		String session = field(http.send(HttpRequest.newBuilder(base.resolve("/api/m2m/v1/session/login"))
			.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + SimulatorOptions.DEFAULT_USERNAME
					+ "\",\"password\":\"" + SimulatorOptions.DEFAULT_PASSWORD + "\"}")).build(),
				HttpResponse.BodyHandlers.ofString()).body(), "sessionToken");
		return http.send(HttpRequest.newBuilder(base.resolve("/api/fota/v2/campaigns/ACC/" + id))
			.header("Authorization", "Bearer " + token).header("VZ-M2M-Token", session).DELETE().build(),
				HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
		assertThat(matcher.find()).as(json).isTrue();
		return matcher.group(1);
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
