package io.github.campaignbatch.thingspace;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;

import org.junit.jupiter.api.Test;

/** History, campaign, files, devices and cancel: paging, and retries of idempotent calls. */
class ReadOperationsTest extends FakeThingSpace {

	private static final String DEVICES_PATH = HISTORY_PATH + "/" + CAMPAIGN_ID + "/devices";

	@Test
	void historyFollowsHasMoreDataWithTheLastSeenCampaignId() {
		stubHistoryPage("CampaignScheduled", "0", true, "id-2", "id-1", "id-2");
		stubHistoryPage("CampaignScheduled", "id-2", true, "id-4", "id-3", "id-4");
		stubHistoryPage("CampaignScheduled", "id-4", false, "id-5", "id-5");

		List<Campaign> campaigns = client().campaignHistory(ACCOUNT, "CampaignScheduled");

		assertThat(campaigns).extracting(Campaign::id).containsExactly("id-1", "id-2", "id-3", "id-4", "id-5");
		assertThat(campaigns.get(0).startDate()).isEqualTo(LocalDate.of(2026, 7, 1));
		server.verify(exactly(3), getRequestedFor(urlPathEqualTo(HISTORY_PATH)));
	}

	@Test
	void historyOfSeveralStatusesQueriesEachAndKeepsACampaignOnceAsLastSeen() {
		stubHistoryPage("CampaignRequestPending", "0", false, "id-1", "id-1", "id-2");
		// id-2 moved on between the two queries
		server.stubFor(get(urlPathEqualTo(HISTORY_PATH)).withQueryParam("campaignStatus", equalTo("CampaignScheduled"))
				.withQueryParam("lastSeenCampaignId", equalTo("0"))
				.willReturn(okJson("""
						{"hasMoreData":false,"lastSeenCampaignId":"id-2","campaignList":[
						  {"id":"id-2","campaignName":"n2","status":"CampaignScheduled"},
						  {"id":"id-3","campaignName":"n3","status":"CampaignScheduled"}]}
						""")));

		List<Campaign> campaigns = client().campaignHistory(ACCOUNT, List.of("CampaignRequestPending", "CampaignScheduled"));

		assertThat(campaigns).extracting(Campaign::id, Campaign::status).containsExactly(
				org.assertj.core.groups.Tuple.tuple("id-1", "CampaignRequestPending"),
				org.assertj.core.groups.Tuple.tuple("id-2", "CampaignScheduled"),
				org.assertj.core.groups.Tuple.tuple("id-3", "CampaignScheduled"));
	}

	@Test
	void historyPagingThatDoesNotAdvanceStopsWithAnError() {
		stubHistoryPage("CampaignEnded", "0", true, "0", "id-1");

		assertThatThrownBy(() -> client().campaignHistory(ACCOUNT, "CampaignEnded"))
				.isInstanceOf(ThingSpaceException.class)
				.hasMessageContaining("hasMoreData");
	}

	@Test
	void aServerErrorOnAGetIsRetriedWithBackoffAndThenSucceeds() {
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
				.willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).inScenario("flaky").whenScenarioStateIs("second")
				.willReturn(aResponse().withStatus(502)).willSetStateTo("third"));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).inScenario("flaky").whenScenarioStateIs("third")
				.willReturn(okJson(CAMPAIGN_JSON)));

		Campaign campaign = client().getCampaign(ACCOUNT, CAMPAIGN_ID);

		assertThat(campaign.campaignName()).isEqualTo("pilot-1");
		server.verify(exactly(3), getRequestedFor(urlPathEqualTo(CAMPAIGN_PATH)));
		assertThat(sleeper.waits()).hasSize(2);
		assertThat(sleeper.waits().get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
		assertThat(sleeper.waits().get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
	}

	@Test
	void aThrottledGetWaitsTheAnnouncedRetryAfterAndSucceeds() {
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).inScenario("throttled").whenScenarioStateIs(STARTED)
				.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "4")).willSetStateTo("open"));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).inScenario("throttled").whenScenarioStateIs("open")
				.willReturn(okJson(CAMPAIGN_JSON)));

		client().getCampaign(ACCOUNT, CAMPAIGN_ID);

		assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(4));
		server.verify(exactly(2), getRequestedFor(urlPathEqualTo(CAMPAIGN_PATH)));
	}

	@Test
	void aGetThatTimesOutOrIsResetIsRetried() {
		properties.readTimeout(Duration.ofMillis(300));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).inScenario("slow").whenScenarioStateIs(STARTED)
				.willReturn(okJson(CAMPAIGN_JSON).withFixedDelay(1500)).willSetStateTo("reset"));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).inScenario("slow").whenScenarioStateIs("reset")
				.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("fine"));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).inScenario("slow").whenScenarioStateIs("fine")
				.willReturn(okJson(CAMPAIGN_JSON)));

		assertThat(client().getCampaign(ACCOUNT, CAMPAIGN_ID).id()).isEqualTo(CAMPAIGN_ID);
		server.verify(exactly(3), getRequestedFor(urlPathEqualTo(CAMPAIGN_PATH)));
	}

	@Test
	void persistentServerErrorsOnAGetEndAsUnavailableAfterMaxAttempts() {
		properties.maxAttempts(4);
		properties.maxBackoff(Duration.ofMillis(800));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(vendorError(500, "Oops", "internal")));

		assertThatThrownBy(() -> client().getCampaign(ACCOUNT, CAMPAIGN_ID))
				.isInstanceOf(ThingSpaceUnavailableException.class)
				.hasMessageContaining("after 4 attempts")
				.hasMessageContaining("HTTP 500");
		server.verify(exactly(4), getRequestedFor(urlPathEqualTo(CAMPAIGN_PATH)));
		// 500 ms, 1000 ms capped at 800 ms, 2000 ms capped at 800 ms; each in the upper half
		assertThat(sleeper.waits()).hasSize(3);
		assertThat(sleeper.waits().get(2)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
	}

	@Test
	void aRefusedConnectionOnAGetIsRetriedAndEndsAsUnavailable() throws Exception {
		try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			properties.baseUrl("http://127.0.0.1:" + probe.getLocalPort());
		}
		properties.maxAttempts(3);

		assertThatThrownBy(() -> client().getCampaign(ACCOUNT, CAMPAIGN_ID))
				.isInstanceOf(ThingSpaceUnavailableException.class)
				.hasMessageContaining("after 3 attempts")
				.hasMessageContaining("ConnectException");
		// the token request is the first to find nobody listening, and it alone is retried
		assertThat(sleeper.waits()).hasSize(2);
	}

	@Test
	void anInterruptWhileWaitingToRetryStopsAtOnceAndKeepsTheInterruptFlag() {
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(aResponse().withStatus(503)));
		ThingSpaceClient client = new ThingSpaceClient(properties.build(), clock, wait -> {
			throw new InterruptedException("shutting down");
		});

		try {
			assertThatThrownBy(() -> client.getCampaign(ACCOUNT, CAMPAIGN_ID))
					.isInstanceOf(ThingSpaceUnavailableException.class)
					.hasMessageContaining("Interrupted while waiting to retry");
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		server.verify(exactly(1), getRequestedFor(urlPathEqualTo(CAMPAIGN_PATH)));
	}

	@Test
	void aNotFoundCampaignIsARejection() {
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(vendorError(404, "NotFound", "Campaign not found")));

		assertThatThrownBy(() -> client().getCampaign(ACCOUNT, CAMPAIGN_ID))
				.isInstanceOfSatisfying(VendorRejectedException.class,
						rejected -> assertThat(rejected.errorMessage()).isEqualTo("Campaign not found"));
		assertThat(sleeper.waits()).isEmpty();
	}

	@Test
	void availableFilesAreUnwrappedWithOrWithoutADistributionType() {
		server.stubFor(get(urlPathEqualTo("/api/fota/v2/files/" + ACCOUNT)).willReturn(okJson("""
				{"AvailableFilesResponse":[{"fileName":"cfg.bin","fileVersion":"1.2","releaseNote":"",
				  "make":"Acme","model":"M1","localTargetPath":"/tmp/cfg.bin","distributionType":"HTTP",
				  "devicePlatformId":"IoT"}]}
				""")));
		ThingSpaceClient client = client();

		assertThat(client.availableFiles(ACCOUNT)).containsExactly(
				new AvailableFile("cfg.bin", "1.2", "", "Acme", "M1", "/tmp/cfg.bin", "HTTP", "IoT"));
		assertThat(client.availableFiles(ACCOUNT, "HTTP")).hasSize(1);

		server.verify(exactly(1), getRequestedFor(urlPathEqualTo("/api/fota/v2/files/" + ACCOUNT))
				.withQueryParam("distributionType", equalTo("HTTP")));
		server.verify(exactly(2), getRequestedFor(urlPathEqualTo("/api/fota/v2/files/" + ACCOUNT)));
	}

	@Test
	void cancelReturnsTheVendorsSuccessFlag() {
		server.stubFor(delete(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson("{\"success\":true}")));

		assertThat(client().cancelCampaign(ACCOUNT, CAMPAIGN_ID)).isTrue();
		server.verify(exactly(1), deleteRequestedFor(urlPathEqualTo(CAMPAIGN_PATH)));
	}

	@Test
	void deviceStatusesFollowLastSeenDeviceId() {
		server.stubFor(get(urlPathEqualTo(DEVICES_PATH)).withQueryParam("lastSeenDeviceId", equalTo("0"))
				.willReturn(okJson("""
						{"totalDevice":3,"hasMoreData":true,"lastSeenDeviceId":"990000862471855","maxPageSize":2,
						 "deviceList":[{"deviceId":"990000862471854","status":"Accepted","resultReason":""},
						               {"deviceId":"990000862471855","status":"DeviceRejected","resultReason":"Device not found"}]}
						""")));
		server.stubFor(get(urlPathEqualTo(DEVICES_PATH)).withQueryParam("lastSeenDeviceId", equalTo("990000862471855"))
				.willReturn(okJson("""
						{"totalDevice":3,"hasMoreData":false,"lastSeenDeviceId":990000862471856,"maxPageSize":2,
						 "deviceList":[{"deviceId":"990000862471856","status":"UpgradeSuccess"}]}
						""")));

		List<DeviceStatus> devices = client().deviceStatuses(ACCOUNT, CAMPAIGN_ID);

		assertThat(devices).extracting(DeviceStatus::status)
				.containsExactly("Accepted", "DeviceRejected", "UpgradeSuccess");
		assertThat(devices.get(1).resultReason()).isEqualTo("Device not found");
	}

	@Test
	void severalDeviceReportsAreReadSideBySideAndOneThatCannotBeReadDoesNotStopTheOthers() {
		// Each answer takes a second: read one after another, the four would reach the server at least 3 s apart.
		List<String> slow = List.of("c-1", "c-2", "c-3", "c-4");
		for (String id : slow) {
			server.stubFor(get(urlPathEqualTo(HISTORY_PATH + "/" + id + "/devices")).willReturn(okJson("""
					{"hasMoreData":false,"deviceList":[{"deviceId":"imei-of-%s","status":"Accepted"}]}
					""".formatted(id)).withFixedDelay(1000)));
		}
		server.stubFor(get(urlPathEqualTo(HISTORY_PATH + "/c-5/devices"))
				.willReturn(vendorError(400, "InvalidCampaignId", "no such campaign")));
		properties.maxInFlight(4);

		Map<String, ThingSpaceClient.DeviceReport> reports = client().deviceStatuses(ACCOUNT,
				List.of("c-1", "c-2", "c-3", "c-4", "c-5", "c-1"));

		assertThat(reports.keySet()).containsExactly("c-1", "c-2", "c-3", "c-4", "c-5");
		for (String id : slow) {
			assertThat(reports.get(id).devicesOrThrow()).extracting(DeviceStatus::deviceId).containsExactly("imei-of-" + id);
		}
		assertThatThrownBy(() -> reports.get("c-5").devicesOrThrow()).isInstanceOf(ThingSpaceException.class);
		List<Long> arrivals = server.getAllServeEvents().stream()
			.filter(event -> slow.stream().anyMatch(id -> event.getRequest().getUrl().contains("/" + id + "/devices")))
			.map(event -> event.getRequest().getLoggedDate().getTime())
			.sorted()
			.toList();
		assertThat(arrivals).hasSize(4);
		assertThat(arrivals.get(3) - arrivals.get(0)).as("ms between the first and the last of the four requests")
				.isLessThan(1000);
	}

	@Test
	void anUnreadableAnswerToAGetIsReportedAsSuch() {
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson("[not json")));

		assertThatThrownBy(() -> client().getCampaign(ACCOUNT, CAMPAIGN_ID))
				.isExactlyInstanceOf(ThingSpaceException.class)
				.hasMessageContaining("not the expected Campaign");
	}

	private void stubHistoryPage(String status, String lastSeen, boolean hasMore, String nextLastSeen, String... ids) {
		StringBuilder list = new StringBuilder();
		for (String id : ids) {
			if (!list.isEmpty()) {
				list.append(',');
			}
			list.append("""
					{"id":"%s","accountName":"%s","campaignName":"name-%s","distributionType":"HTTP",
					 "startDate":"2026-07-01","endDate":"2026-07-15T00:00:00Z","status":"%s"}
					""".formatted(id, ACCOUNT, id, status));
		}
		server.stubFor(get(urlPathEqualTo(HISTORY_PATH))
				.withQueryParam("campaignStatus", equalTo(status))
				.withQueryParam("lastSeenCampaignId", equalTo(lastSeen))
				.willReturn(okJson("{\"hasMoreData\":%s,\"lastSeenCampaignId\":\"%s\",\"campaignList\":[%s]}"
						.formatted(hasMore, nextLastSeen, list))));
	}
}
