package io.github.campaignbatch.submission;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.opencsv.CSVReader;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.WireMockVendor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 19, section 2, through the real command line against a server answering as the vendor documents (WireMock
 * on loopback): a campaign whose create answer was lost is matched in the history by name and dates, and a
 * campaign found that way is taken for ours only when its device report lists exactly our devices. Another run's
 * campaign of the same name is set aside with a log line; its device report still empty within the visibility
 * horizon (2 s here) decides nothing, and nothing is resent before that horizon.
 */
@Tag("database")
@ExtendWith(OutputCaptureExtension.class)
class ProvablyOursWireMockTest {

	private static final String ACCOUNT = "ACC";

	private static final String SCHEDULE = "/api/fota/v2/campaigns/files/" + ACCOUNT;

	private static final String HISTORY = "/api/fota/v2/reports/" + ACCOUNT + "/campaigns";

	/** What the vendor answers a POST that gets through: our campaign, created then. */
	private static final String CREATED_ID = "0b7e3f2a-5c1d-4e8f-9a6b-3d2c1e0f9a8b";

	/** Our campaign, created by the POST whose answer was lost. */
	private static final String OUR_ID = "6d1c0a52-8f3e-4b7a-9c2d-1e0f5a6b7c8d";

	/** Another run's campaign: same name, dates and file, other devices. */
	private static final String OTHER_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

	private static final Duration HORIZON = Duration.ofSeconds(2);

	private static final List<String> OTHER_DEVICES = List.of(SampleInputs.imei(101), SampleInputs.imei(102));

	@TempDir
	Path work;

	private WireMockVendor vendor;

	private WireMockServer server;

	@BeforeEach
	void startServer() {
		this.vendor = WireMockVendor.start(ACCOUNT, CREATED_ID);
		this.server = this.vendor.server();
	}

	@AfterEach
	void stopServer() {
		this.vendor.close();
	}

	@Test
	void aSameNamedCampaignWithOtherDevicesIsSetAsideAndAfterTheHorizonOursIsSentAgain(CapturedOutput output)
			throws Exception {
		List<String> ours = List.of(SampleInputs.imei(1), SampleInputs.imei(2));
		vendorHistory(List.of(OTHER_ID), List.of(OTHER_ID));
		devices(OTHER_ID, OTHER_DEVICES);

		Result run = run(SampleInputs.campaigns(this.work.resolve("fleet.csv"), ACCOUNT, 1, ours.size()));

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(reportIds()).containsExactly(CREATED_ID, CREATED_ID);
		assertResentAfterTheHorizon();
		assertThat(output.getAll()).contains("ThingSpace campaign " + OTHER_ID
				+ " has its name and dates but is not ours, set aside: other devices: it holds 2, we sent 2, 0 in common");
	}

	@Test
	void ofTwoSameNamedCampaignsTheOneWithExactlyOurDevicesIsOursAcrossDevicePages(CapturedOutput output)
			throws Exception {
		List<String> ours = List.of(SampleInputs.imei(1), SampleInputs.imei(2), SampleInputs.imei(3));
		vendorHistory(List.of(), List.of(OTHER_ID, OUR_ID));
		devices(OTHER_ID, OTHER_DEVICES);
		// Our device report in two pages.
		this.server.stubFor(get(urlPathEqualTo(devicesPath(OUR_ID))).withQueryParam("lastSeenDeviceId", equalTo("0"))
			.willReturn(okJson(devicePage(ours.subList(0, 2), ours.size(), true))));
		this.server.stubFor(get(urlPathEqualTo(devicesPath(OUR_ID))).withQueryParam("lastSeenDeviceId", equalTo(ours.get(1)))
			.willReturn(okJson(devicePage(ours.subList(2, 3), ours.size(), false))));

		Result run = run(SampleInputs.campaigns(this.work.resolve("fleet.csv"), ACCOUNT, 1, ours.size()));

		assertThat(run.exitCode()).as(run.toString()).isZero();
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
		assertThat(reportIds()).containsExactly(OUR_ID, OUR_ID, OUR_ID);
		assertThat(output.getAll()).contains("ThingSpace campaign " + OTHER_ID + " has its name and dates but is not ours,"
				+ " set aside: other devices: it holds 2, we sent 3, 0 in common");
	}

	@Test
	void aSameNamedCampaignWhoseDeviceReportIsStillEmptyIsNotOursYetAndNothingIsResentBeforeTheHorizon(
			CapturedOutput output) throws Exception {
		List<String> ours = List.of(SampleInputs.imei(1), SampleInputs.imei(2));
		// Another run's campaign, just created: ThingSpace has not listed its devices yet (and never does here).
		vendorHistory(List.of(), List.of(OTHER_ID));
		devices(OTHER_ID, List.of());

		Result run = run(SampleInputs.campaigns(this.work.resolve("fleet.csv"), ACCOUNT, 1, ours.size()));

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(reportIds()).containsExactly(CREATED_ID, CREATED_ID);
		assertResentAfterTheHorizon();
		assertThat(output.getAll()).contains("cannot tell yet whether it is ours: ThingSpace campaign " + OTHER_ID
				+ " has its name and dates, but its device report lists 0 of the 2 devices we sent and no other")
			.contains("ThingSpace campaign " + OTHER_ID + " has its name and dates but is not ours, set aside: other"
					+ " devices: it holds 0, we sent 2, 0 in common");
	}

	@Test
	void aCampaignWithOurDevicesIsNotClaimedWhileASameNamedOneCannotBeToldYet(CapturedOutput output) throws Exception {
		List<String> ours = List.of(SampleInputs.imei(1), SampleInputs.imei(2));
		vendorHistory(List.of(), List.of(OTHER_ID, OUR_ID));
		devices(OUR_ID, ours);
		devices(OTHER_ID, OTHER_DEVICES);
		// The other campaign's device report is empty when first read, complete after.
		this.server.stubFor(get(urlPathEqualTo(devicesPath(OTHER_ID))).inScenario("other report")
			.whenScenarioStateIs(STARTED)
			.willReturn(okJson(devicePage(List.of(), 0, false)))
			.willSetStateTo("listed")
			.atPriority(1));

		Result run = run(SampleInputs.campaigns(this.work.resolve("fleet.csv"), ACCOUNT, 1, ours.size()));

		assertThat(run.exitCode()).as(run.toString()).isZero();
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
		assertThat(reportIds()).containsExactly(OUR_ID, OUR_ID);
		assertThat(output.getAll()).contains("cannot tell yet whether it is ours: ThingSpace campaign " + OTHER_ID);
	}

	private Result run(Path input) {
		return this.vendor.runner(this.work)
			.with("campaign.submission.visibility-horizon", HORIZON.toSeconds() + "s")
			.run("run", "--input", input.toString(), "--account", ACCOUNT, "--today", "2030-01-15", "--report",
					report().toString());
	}

	private Path report() {
		return this.work.resolve("fleet.results.csv");
	}

	/** The campaign id of each report line, in order. */
	private List<String> reportIds() throws Exception {
		try (CSVReader reader = new CSVReader(new FileReader(report().toFile()))) {
			List<String> ids = new ArrayList<>();
			reader.readAll().stream().skip(1).forEach(cells -> ids.add(cells[7]));
			return ids;
		}
	}

	/** Two POSTs: the lost one, and the one sent again only once a history read after its horizon proved it absent. */
	private void assertResentAfterTheHorizon() {
		List<LoggedRequest> posts = this.server.findAll(postRequestedFor(urlPathEqualTo(SCHEDULE)));
		assertThat(posts).hasSize(2);
		assertThat(Duration.between(posts.get(0).getLoggedDate().toInstant(), posts.get(1).getLoggedDate().toInstant()))
			.isGreaterThanOrEqualTo(HORIZON);
	}

	/**
	 * The campaign history (every status), all campaigns named "wave-1" with our dates: {@code beforeThePost}, then,
	 * once the first POST has come and its answer was lost (HTTP 500), {@code afterIt}. Later POSTs are answered
	 * with {@link #CREATED_ID}.
	 */
	private void vendorHistory(List<String> beforeThePost, List<String> afterIt) {
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).inScenario("vendor").whenScenarioStateIs(STARTED)
			.willReturn(okJson(historyPage(beforeThePost)))
			.atPriority(1));
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).inScenario("vendor").whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("lost")
			.atPriority(1));
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).inScenario("vendor").whenScenarioStateIs("lost")
			.willReturn(okJson(historyPage(afterIt)))
			.atPriority(1));
	}

	private static String historyPage(List<String> ids) {
		String campaigns = ids.stream().map(id -> """
				{"id":"%s","accountName":"%s","campaignName":"wave-1","distributionType":"HTTP","startDate":"2030-01-15",
				 "endDate":"2030-02-15","status":"CampaignRequestPending"}""".formatted(id, ACCOUNT))
			.collect(Collectors.joining(","));
		return "{\"hasMoreData\":false,\"lastSeenCampaignId\":\"0\",\"campaignList\":[" + campaigns + "]}";
	}

	private void devices(String campaignId, List<String> imeis) {
		this.server.stubFor(get(urlPathEqualTo(devicesPath(campaignId)))
			.willReturn(okJson(devicePage(imeis, imeis.size(), false)))
			.atPriority(5));
	}

	private static String devicesPath(String campaignId) {
		return HISTORY + "/" + campaignId + "/devices";
	}

	private static String devicePage(List<String> imeis, int total, boolean more) {
		String devices = imeis.stream()
			.map(imei -> "{\"deviceId\":\"" + imei + "\",\"status\":\"Accepted\",\"resultReason\":\"\"}")
			.collect(Collectors.joining(","));
		String lastSeen = imeis.isEmpty() ? "0" : imeis.get(imeis.size() - 1);
		return "{\"totalDevice\":" + total + ",\"hasMoreData\":" + more + ",\"lastSeenDeviceId\":\"" + lastSeen
				+ "\",\"maxPageSize\":1000,\"deviceList\":[" + devices + "]}";
	}
}
