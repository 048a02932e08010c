package io.github.campaignbatch.rollout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import io.github.campaignbatch.support.WireMockVendor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollouts in waves against a server that answers as the vendor documents (WireMock on loopback), so that the
 * requests themselves are asserted: one POST per wave, with that wave's devices, and none after a halt; a process
 * killed while its wave's POST is in flight; ThingSpace's pilot-limit refusal.
 */
@Tag("database")
class RolloutWireMockTest {

	private static final String ACCOUNT = "ACC";

	private static final String SCHEDULE = "/api/fota/v2/campaigns/files/" + ACCOUNT;

	private static final String PILOT = "fleet-wave-1-of-2";

	private static final String SECOND = "fleet-wave-2-of-2";

	private static final String PILOT_ID = "0b8f9a7e-1c2d-4e5f-8a9b-0c1d2e3f4a01";

	private static final String SECOND_ID = "0b8f9a7e-1c2d-4e5f-8a9b-0c1d2e3f4a02";

	private static final int DEVICES = 30;

	@TempDir
	Path work;

	private WireMockVendor vendor;

	private WireMockServer server;

	private CommandRunner runner;

	private Path input;

	private Path report;

	@BeforeEach
	void start() throws Exception {
		this.vendor = WireMockVendor.start(ACCOUNT, "unused");
		this.server = this.vendor.server();
		this.runner = this.vendor.runner(this.work);
		List<String> lines = new ArrayList<>(List.of(SampleInputs.HEADER));
		for (int serial = 1; serial <= DEVICES; serial++) {
			lines.add(ACCOUNT + ",fleet,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(serial));
		}
		this.input = Files.write(this.work.resolve("fleet.csv"), lines);
		this.report = this.work.resolve("fleet.results.csv");
		stubCreate(PILOT, PILOT_ID, 0);
		stubCreate(SECOND, SECOND_ID, 0);
	}

	@AfterEach
	void stop() {
		this.vendor.close();
	}

	private Result runWithPilot() {
		Result run = this.runner.run("run", "--input", this.input.toString(), "--account", ACCOUNT, "--today", "2030-01-15",
				"--report", this.report.toString(), "--pilot", "20");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(postsOf(PILOT)).hasSize(1);
		return run;
	}

	@Test
	void eachWaveIsOnePostWithItsOwnDevicesAndTheRolloutCompletes() throws Exception {
		runWithPilot();
		assertThat(deviceListOf(postsOf(PILOT).get(0))).isEqualTo(SampleInputs.imeis(1, 20));
		stubEnded(PILOT_ID, PILOT, 1, 20, "UpgradeSuccess");

		Result track = this.runner.run("track", "--execution", "1");

		assertThat(track.exitCode()).as(track.toString()).isZero();
		assertThat(track.out()).contains("rollout of 'fleet': wave 2 of 2 released (10 device(s), starting 2030-01-15, gate"
				+ " passed: wave 1: 20 of 20 device(s) that reached a final status succeeded (100%), gate 90%): SCHEDULED id "
				+ SECOND_ID);
		assertThat(postsOf(SECOND)).hasSize(1);
		assertThat(deviceListOf(postsOf(SECOND).get(0))).isEqualTo(SampleInputs.imeis(21, 30));
		assertThat(postsOf(SECOND).get(0).getBodyAsString()).contains("\"startDate\":\"2030-01-15\"",
				"\"endDate\":\"2030-02-15\"");
		stubEnded(SECOND_ID, SECOND, 21, 30, "UpgradeSuccess");

		Result last = this.runner.run("track", "--execution", "1");
		Result open = this.runner.run("track", "--open");

		assertThat(last.exitCode()).as(last.toString()).isZero();
		assertThat(last.out()).contains("devices: UpgradeSuccess 30, pending 0").doesNotContain("rollout of");
		assertThat(open.out()).contains("No campaign to track");
		this.server.verify(exactly(2), postRequestedFor(urlPathEqualTo(SCHEDULE)));
		assertThat(Files.readAllLines(this.report).subList(1, DEVICES + 1)).allMatch(line -> line.contains(",SCHEDULED,"));
	}

	@Test
	void aFailingPilotHaltsTheRolloutAndNoOtherWaveIsPosted() throws Exception {
		runWithPilot();
		stubEnded(PILOT_ID, PILOT, 1, 20, "UpgradeFailed");

		Result track = this.runner.run("track", "--execution", "1");
		Result again = this.runner.run("track", "--open");

		assertThat(track.exitCode()).as(track.toString()).isEqualTo(3);
		assertThat(track.out()).contains("rollout of 'fleet' halted after wave 1 of 2: 0 of 20 device(s) that reached a"
				+ " final status succeeded (0%), below the gate of 90%; 10 device(s) of wave 2 of 2 not sent (HALTED)");
		assertThat(again.out()).contains("No campaign to track");
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
		// the way out each halted device's line gives names the execution to release, not a placeholder
		assertThat(Files.readAllLines(this.report).subList(21, DEVICES + 1)).allMatch(line -> line.contains(",HALTED,")
				&& line.contains("'rollout --execution 1 --release' sends the next one anyway"));
	}

	/**
	 * The process releasing a wave is killed while the wave's POST is in flight: the ledger holds it SUBMITTING. The
	 * vendor created it, so the next track finds it in the history and records it; it is never posted again.
	 */
	@Test
	void aKillWhileAWavesPostIsInFlightNeitherLosesNorDuplicatesTheWave() throws Exception {
		killWhileTheSecondWaveIsPosted();
		stubHistory("CampaignRequestPending", SECOND_ID, SECOND);
		stubDevices(SECOND_ID, 21, 30, "Accepted");

		Result track = this.runner.run("track", "--execution", "1");

		assertThat(track.exitCode()).as(track.toString()).isZero();
		assertThat(text("SELECT state FROM campaign WHERE wave_no = 2")).isEqualTo("SCHEDULED");
		assertThat(text("SELECT remote_id FROM campaign WHERE wave_no = 2")).isEqualTo(SECOND_ID);
		assertThat(postsOf(SECOND)).as("the wave is never posted twice").hasSize(1);
	}

	/** The same kill, but the vendor never created the wave: once the history proves it, it is sent, once. */
	@Test
	void aKilledReleaseWhoseWaveTheVendorNeverCreatedIsSentOnceMore() throws Exception {
		killWhileTheSecondWaveIsPosted();
		stubCreate(SECOND, SECOND_ID, 0);

		Result track = this.runner.with("campaign.submission.visibility-horizon", "0s").run("track", "--execution", "1");

		assertThat(track.exitCode()).as(track.toString()).isZero();
		assertThat(text("SELECT state FROM campaign WHERE wave_no = 2")).isEqualTo("SCHEDULED");
		assertThat(postsOf(SECOND)).hasSize(2);
		assertThat(deviceListOf(postsOf(SECOND).get(1))).isEqualTo(SampleInputs.imeis(21, 30));
		Result again = this.runner.run("track", "--execution", "1");
		assertThat(again.out()).doesNotContain("released");
		assertThat(postsOf(SECOND)).hasSize(2);
	}

	private void killWhileTheSecondWaveIsPosted() throws Exception {
		runWithPilot();
		stubEnded(PILOT_ID, PILOT, 1, 20, "UpgradeSuccess");
		stubCreate(SECOND, SECOND_ID, (int) Duration.ofMinutes(2).toMillis());
		Process child = this.vendor.child(this.work, this.runner).start("track", List.of("track", "--execution", "1"));
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (postsOf(SECOND).isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(postsOf(SECOND)).as(ChildJvm.output(this.work, "track")).hasSize(1);
			assertThat(child.isAlive()).as(ChildJvm.output(this.work, "track")).isTrue();
		}
		finally {
			child.destroyForcibly();
			child.waitFor();
		}
		assertThat(text("SELECT state FROM campaign WHERE wave_no = 2")).as("what the kill left").isEqualTo("SUBMITTING");
	}

	@Test
	void aPilotLimitRefusalTellsTheDevicesWhatTheVendorSaidAndThatAPilotOf20RollsOutWithinIt() throws Exception {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).atPriority(1).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errorCode\":\"UnifiedWebService.INPUT_INVALID\",\"errorMessage\":\"Pilot limit exceeded: at most"
					+ " 20 devices until a pilot succeeded\"}")));

		Result run = this.runner.run("run", "--input", this.input.toString(), "--account", ACCOUNT, "--today",
				"2030-01-15", "--report", this.report.toString());

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
		assertThat(run.out()).contains("REJECTED   fleet (30 devices)", "UnifiedWebService.INPUT_INVALID: ThingSpace refused"
				+ " this campaign for its pilot limit (UnifiedWebService.INPUT_INVALID: Pilot limit exceeded");
		assertThat(Files.readAllLines(this.report).subList(1, DEVICES + 1)).allSatisfy(line -> assertThat(line)
			.contains(",REJECTED,", ",UnifiedWebService.INPUT_INVALID,", "Pilot limit exceeded: at most 20 devices until a"
					+ " pilot succeeded", "run the input with --pilot 20 to roll out within the limit"));
	}

	/** The schedule POST of the wave named {@code name} creates campaign {@code id}, answering after {@code delayMs}. */
	private void stubCreate(String name, String id, int delayMs) {
		MappingBuilder create = post(urlPathEqualTo(SCHEDULE)).withRequestBody(matchingJsonPath("$.campaignName",
				equalTo(name)));
		this.server.stubFor(create.willReturn(okJson("{\"id\":\"" + id + "\",\"campaignName\":\"" + name
				+ "\",\"status\":\"CampaignRequestPending\"}").withFixedDelay(delayMs)));
	}

	/** The campaign has ended at the vendor, every one of its devices (serials {@code from}-{@code to}) with {@code status}. */
	private void stubEnded(String id, String name, int from, int to, String status) {
		this.server.stubFor(get(urlPathEqualTo("/api/fota/v2/campaigns/" + ACCOUNT + "/" + id))
			.willReturn(okJson(campaign(id, name, "CampaignEnded"))));
		stubDevices(id, from, to, status);
	}

	private void stubDevices(String id, int from, int to, String status) {
		StringJoiner devices = new StringJoiner(",", "[", "]");
		for (int serial = from; serial <= to; serial++) {
			devices.add("{\"deviceId\":\"" + SampleInputs.imei(serial) + "\",\"status\":\"" + status
					+ "\",\"resultReason\":\"\"}");
		}
		this.server.stubFor(get(urlPathEqualTo("/api/fota/v2/reports/" + ACCOUNT + "/campaigns/" + id + "/devices"))
			.willReturn(okJson("{\"totalDevice\":" + (to - from + 1) + ",\"hasMoreData\":false,\"lastSeenDeviceId\":\""
					+ SampleInputs.imei(to) + "\",\"maxPageSize\":1000,\"deviceList\":" + devices + "}")));
	}

	private void stubHistory(String status, String id, String name) {
		this.server.stubFor(get(urlPathEqualTo("/api/fota/v2/reports/" + ACCOUNT + "/campaigns")).atPriority(1)
			.withQueryParam("campaignStatus", equalTo(status))
			.willReturn(okJson("{\"hasMoreData\":false,\"lastSeenCampaignId\":\"" + id + "\",\"campaignList\":["
					+ campaign(id, name, status) + "]}")));
	}

	private static String campaign(String id, String name, String status) {
		return "{\"accountName\":\"" + ACCOUNT + "\",\"id\":\"" + id + "\",\"campaignName\":\"" + name + "\","
				+ "\"distributionType\":\"HTTP\",\"startDate\":\"2030-01-15\",\"endDate\":\"2030-02-15\",\"status\":\""
				+ status + "\"}";
	}

	private List<LoggedRequest> postsOf(String name) {
		return this.server.findAll(postRequestedFor(urlPathEqualTo(SCHEDULE)).withRequestBody(
				matchingJsonPath("$.campaignName", equalTo(name))));
	}

	private static List<String> deviceListOf(LoggedRequest request) {
		String body = request.getBodyAsString();
		String list = body.substring(body.indexOf("\"deviceList\":[") + 14, body.indexOf(']', body.indexOf("\"deviceList\":[")));
		List<String> devices = new ArrayList<>();
		for (String device : list.split(",")) {
			devices.add(device.replace("\"", "").strip());
		}
		return devices;
	}

	private String text(String sql) {
		return TestDatabases.withJdbc(this.runner.databaseUrl(), jdbc -> jdbc.queryForObject(sql, String.class));
	}
}
