package io.github.campaignbatch.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.github.tomakehurst.wiremock.WireMockServer;
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

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code track} and {@code cancel} end to end against a server that answers as the vendor documents (WireMock on
 * loopback), so that what goes over the wire is asserted, not only what the bundled simulator makes of it: device
 * pages followed by {@code lastSeenDeviceId}, a campaign cancelled between two polls, and a cancel repeated after
 * the process that sent the DELETE was killed before recording its answer.
 */
@Tag("database")
class TrackAndCancelWireMockTest {

	private static final String ACCOUNT = "ACC";

	private static final String CAMPAIGN_ID = "6a1f0c52-7d3e-4b9a-9c61-2f0e8d4b7a10";

	private static final String CAMPAIGN = "/api/fota/v2/campaigns/" + ACCOUNT + "/" + CAMPAIGN_ID;

	private static final String DEVICES = "/api/fota/v2/reports/" + ACCOUNT + "/campaigns/" + CAMPAIGN_ID + "/devices";

	@TempDir
	Path work;

	private WireMockVendor vendor;

	private WireMockServer server;

	private CommandRunner runner;

	private Path report;

	@BeforeEach
	void startServer() {
		this.vendor = WireMockVendor.start(ACCOUNT, CAMPAIGN_ID).offeringTheSampleFirmware(ACCOUNT);
		this.server = this.vendor.server();
		this.runner = this.vendor.runner(this.work);
	}

	@AfterEach
	void stopServer() {
		this.vendor.close();
	}

	/** One campaign of {@code devices} devices, scheduled by a run; its report is {@link #report}. */
	private void schedule(int devices) {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), ACCOUNT, 1, devices);
		this.report = this.work.resolve("fleet.results.csv");
		Result run = this.runner.run("run", "--input", input.toString(), "--account", ACCOUNT, "--today", "2030-01-15",
				"--report", this.report.toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
	}

	@Test
	void devicePagesAreFollowedByLastSeenDeviceIdAndEveryDeviceIsStoredAndReported() throws Exception {
		schedule(2500);
		stubCampaign("CampaignEnded");
		// three pages as the vendor pages them: at most 1,000 devices, the last device id carried to the next request
		stubPage("0", 1, 1000, true);
		stubPage(SampleInputs.imei(1000), 1001, 2000, true);
		stubPage(SampleInputs.imei(2000), 2001, 2500, false);

		Result track = this.runner.run("track", "--execution", "1");

		assertThat(track.exitCode()).as(track.toString()).isEqualTo(3);
		assertThat(track.out()).contains("1 campaign(s) read; devices: UpgradeSuccess 2,400, UpgradeFailed 100, pending 0");
		this.server.verify(exactly(3), getRequestedFor(urlPathEqualTo(DEVICES)));
		for (String lastSeen : List.of("0", SampleInputs.imei(1000), SampleInputs.imei(2000))) {
			this.server.verify(exactly(1), getRequestedFor(urlPathEqualTo(DEVICES))
				.withQueryParam("lastSeenDeviceId", equalTo(lastSeen)));
		}
		assertThat(count("SELECT COUNT(*) FROM device_vendor_status")).isEqualTo(2500);
		assertThat(count("SELECT COUNT(*) FROM device_vendor_status WHERE device_status = 'UpgradeFailed'"
				+ " AND result_reason = 'Download timed out'")).isEqualTo(100);
		assertThat(count("SELECT COUNT(*) FROM campaign_tracking WHERE finished")).isEqualTo(1);

		List<String> lines = Files.readAllLines(this.report);
		assertThat(lines).hasSize(2501);
		List<String> header = List.of(lines.get(0).split(",", -1));
		int imei = header.indexOf("imei");
		int vendorStatus = header.indexOf("vendorStatus");
		int deviceStatus = header.indexOf("deviceStatus");
		int reason = header.indexOf("resultReason");
		int statusAt = header.indexOf("statusAt");
		Map<String, String> reported = new HashMap<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] cells = line.split(",", -1);
			assertThat(cells[vendorStatus]).as(line).isEqualTo("CampaignEnded");
			assertThat(cells[statusAt]).as(line).isNotEmpty();
			reported.put(cells[imei], cells[deviceStatus] + "/" + cells[reason]);
		}
		for (int serial = 1; serial <= 2500; serial++) {
			assertThat(reported.get(SampleInputs.imei(serial))).as("device %d", serial)
				.isEqualTo(status(serial) + "/" + reason(serial));
		}
	}

	@Test
	void aCampaignCancelledBetweenTwoPollsIsStoredAsFinalAndNotPolledAgain() throws Exception {
		schedule(4);
		stubCampaign("CampaignScheduled");
		stubDevices(List.of("UpgradeSuccess", "Accepted", "Accepted", "UpgradeSuccess"));

		Result first = this.runner.run("track", "--execution", "1");

		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).contains("1 campaign(s) read; devices: UpgradeSuccess 2, pending 2");
		assertThat(count("SELECT COUNT(*) FROM campaign_tracking WHERE finished")).isZero();

		// cancelled at the vendor (by someone else, in its portal) before the next poll
		stubCampaign("CampaignCancelled");
		stubDevices(List.of("UpgradeSuccess", "CampaignCancelled", "CampaignCancelled", "UpgradeSuccess"));

		Result second = this.runner.run("track", "--execution", "1");

		assertThat(second.out()).as(second.toString()).contains("1 campaign(s) read; devices: CampaignCancelled 2,"
				+ " UpgradeSuccess 2, pending 0");
		assertThat(text("SELECT vendor_status FROM campaign")).isEqualTo("CampaignCancelled");
		assertThat(count("SELECT COUNT(*) FROM campaign_tracking WHERE finished")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM device_vendor_status WHERE device_status = 'CampaignCancelled'"))
			.isEqualTo(2);
		List<String> lines = Files.readAllLines(this.report);
		assertThat(lines.subList(1, lines.size())).hasSize(4).allMatch(line -> line.contains(",CampaignCancelled,"));
		assertThat(lines.get(2)).contains(",CampaignCancelled,CampaignCancelled,");

		Result third = this.runner.run("track", "--execution", "1");
		Result open = this.runner.run("track", "--open");

		assertThat(third.out()).as(third.toString()).contains("0 campaign(s) read, 1 final earlier");
		assertThat(open.out()).contains("No campaign to track");
		this.server.verify(exactly(2), getRequestedFor(urlPathEqualTo(CAMPAIGN)));
		this.server.verify(exactly(2), getRequestedFor(urlPathEqualTo(DEVICES)));
	}

	/**
	 * The vendor documents {@code DELETE} → {@code {"success":true}} and nothing about a second DELETE of the same
	 * campaign; the simulator refuses it (400, not active). So a repeated cancel must not depend on a second DELETE
	 * being accepted: it reads the status first and sends nothing for a campaign the vendor reports final.
	 */
	@Test
	void aCancelRepeatedAfterTheProcessWasKilledBetweenTheDeleteAndItsRecordSendsNoSecondDelete() throws Exception {
		schedule(3);
		stubCampaign("CampaignScheduled");
		// the vendor takes the DELETE and cancels the campaign; its answer never reaches the killed process
		this.server.stubFor(delete(urlPathEqualTo(CAMPAIGN))
			.willReturn(okJson("{\"success\":true}").withFixedDelay((int) Duration.ofSeconds(20).toMillis())));
		Process child = this.vendor.child(this.work, this.runner)
			.start("cancel", List.of("cancel", "--execution", "1", "--yes"));
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (this.server.findAll(deleteRequestedFor(urlPathEqualTo(CAMPAIGN))).isEmpty() && child.isAlive()
					&& System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(child.isAlive()).as(ChildJvm.output(this.work, "cancel")).isTrue();
			assertThat(this.server.findAll(deleteRequestedFor(urlPathEqualTo(CAMPAIGN)))).hasSize(1);
		}
		finally {
			child.destroyForcibly();
			child.waitFor();
		}
		// what the crash left: the intent noted before the DELETE left, no outcome
		assertThat(text("SELECT cancel_outcome FROM campaign_tracking")).isEqualTo("requested");
		assertThat(text("SELECT vendor_status FROM campaign")).isEqualTo("CampaignRequestPending");
		stubCampaign("CampaignCancelled");
		stubRefusedDelete();

		Result repeated = this.runner.run("cancel", "--execution", "1", "--yes");

		assertThat(repeated.exitCode()).as(repeated.toString()).isZero();
		assertThat(repeated.out()).contains("already CampaignCancelled: 'wave-1' (" + CAMPAIGN_ID + ") (not sent)")
			.doesNotContain("refused");
		this.server.verify(exactly(1), deleteRequestedFor(urlPathEqualTo(CAMPAIGN)));
		assertThat(text("SELECT vendor_status FROM campaign")).isEqualTo("CampaignCancelled");
		assertThat(text("SELECT cancel_outcome FROM campaign_tracking")).isEqualTo("already CampaignCancelled: not sent");
		assertThat(count("SELECT COUNT(*) FROM campaign_tracking")).isEqualTo(1);
		assertThat(Files.readAllLines(this.report).subList(1, 4)).allMatch(line -> line.contains(",CampaignCancelled,"));

		Result third = this.runner.run("cancel", "--execution", "1", "--yes");

		assertThat(third.exitCode()).isZero();
		assertThat(third.out()).contains("already CampaignCancelled: 'wave-1'", "Nothing to cancel");
		this.server.verify(exactly(1), deleteRequestedFor(urlPathEqualTo(CAMPAIGN)));
	}

	/**
	 * When the vendor's read still shows the campaign active after it took a DELETE (its reports are eventually
	 * consistent), the repeated DELETE goes out and is refused: that is harmless, read again and recorded once.
	 */
	@Test
	void aRepeatedDeleteRefusedBecauseTheCampaignIsAlreadyCancelledIsReportedAsFinalAndRecordedOnce() {
		schedule(3);
		this.server.stubFor(get(urlPathEqualTo(CAMPAIGN)).inScenario("lagging read").whenScenarioStateIs(STARTED)
			.willReturn(okJson(campaign("CampaignScheduled"))).willSetStateTo("caught up"));
		this.server.stubFor(get(urlPathEqualTo(CAMPAIGN)).inScenario("lagging read").whenScenarioStateIs("caught up")
			.willReturn(okJson(campaign("CampaignCancelled"))));
		stubRefusedDelete();

		Result repeated = this.runner.run("cancel", "--execution", "1", "--yes");

		assertThat(repeated.exitCode()).as(repeated.toString()).isZero();
		assertThat(repeated.out())
			.contains("already CampaignCancelled (the DELETE was refused): 'wave-1' (" + CAMPAIGN_ID + ") (not sent)");
		this.server.verify(exactly(1), deleteRequestedFor(urlPathEqualTo(CAMPAIGN)));
		assertThat(text("SELECT vendor_status FROM campaign")).isEqualTo("CampaignCancelled");
		assertThat(text("SELECT cancel_outcome FROM campaign_tracking")).isEqualTo("already CampaignCancelled: DELETE refused");
		assertThat(count("SELECT COUNT(*) FROM campaign_tracking")).isEqualTo(1);
	}

	private void stubRefusedDelete() {
		// what the simulator answers for a campaign no longer active (the vendor documents no answer for it)
		this.server.stubFor(delete(urlPathEqualTo(CAMPAIGN)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errorCode\":\"UnifiedWebService.INPUT_INVALID\",\"errorMessage\":\"Campaign " + CAMPAIGN_ID
					+ " cannot be cancelled in status CampaignCancelled\"}")));
	}

	private void stubCampaign(String status) {
		this.server.stubFor(get(urlPathEqualTo(CAMPAIGN)).willReturn(okJson(campaign(status))));
	}

	private static String campaign(String status) {
		return "{\"accountName\":\"" + ACCOUNT + "\",\"id\":\"" + CAMPAIGN_ID + "\",\"campaignName\":\"wave-1\","
				+ "\"distributionType\":\"HTTP\",\"startDate\":\"2030-01-15\",\"endDate\":\"2030-02-15\",\"status\":\""
				+ status + "\"}";
	}

	/** Device {@code n} (serial from 1) of the run takes {@code statuses[n - 1]}, on one page. */
	private void stubDevices(List<String> statuses) {
		List<String> devices = new ArrayList<>();
		for (int n = 1; n <= statuses.size(); n++) {
			devices.add(device(SampleInputs.imei(n), statuses.get(n - 1), ""));
		}
		this.server.stubFor(get(urlPathEqualTo(DEVICES)).willReturn(okJson(page(statuses.size(), false,
				SampleInputs.imei(statuses.size()), devices))));
	}

	/** The page asked for with {@code lastSeen}: devices {@code from} to {@code to} (serials). */
	private void stubPage(String lastSeen, int from, int to, boolean more) {
		List<String> devices = new ArrayList<>();
		for (int serial = from; serial <= to; serial++) {
			devices.add(device(SampleInputs.imei(serial), status(serial), reason(serial)));
		}
		this.server.stubFor(get(urlPathEqualTo(DEVICES)).withQueryParam("lastSeenDeviceId", equalTo(lastSeen))
			.willReturn(okJson(page(2500, more, SampleInputs.imei(to), devices))));
	}

	private static String page(int total, boolean more, String lastSeen, List<String> devices) {
		StringJoiner list = new StringJoiner(",", "[", "]");
		devices.forEach(list::add);
		return "{\"totalDevice\":" + total + ",\"hasMoreData\":" + more + ",\"lastSeenDeviceId\":\"" + lastSeen
				+ "\",\"maxPageSize\":1000,\"deviceList\":" + list + "}";
	}

	private static String device(String imei, String status, String reason) {
		return "{\"deviceId\":\"" + imei + "\",\"status\":\"" + status + "\",\"resultReason\":\"" + reason + "\"}";
	}

	private static String status(int serial) {
		return serial % 25 == 0 ? "UpgradeFailed" : "UpgradeSuccess";
	}

	private static String reason(int serial) {
		return serial % 25 == 0 ? "Download timed out" : "Upgraded to 2.4.1";
	}

	private long count(String sql) {
		return jdbc(jdbc -> jdbc.queryForObject(sql, Long.class));
	}

	private String text(String sql) {
		return jdbc(jdbc -> jdbc.queryForObject(sql, String.class));
	}

	private <T> T jdbc(java.util.function.Function<JdbcTemplate, T> work) {
		return TestDatabases.withJdbc(this.runner.databaseUrl(), work);
	}
}
