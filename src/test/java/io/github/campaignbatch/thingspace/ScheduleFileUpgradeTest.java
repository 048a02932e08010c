package io.github.campaignbatch.thingspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;

import io.github.campaignbatch.campaign.TimeWindow;

import org.junit.jupiter.api.Test;

/**
 * The schedule call: its body, and above all that a POST which may have reached the server is never
 * sent a second time.
 */
class ScheduleFileUpgradeTest extends FakeThingSpace {

	private static final ScheduleFileUpgradeRequest REQUEST = new ScheduleFileUpgradeRequest("pilot-1", "cfg.bin",
			"1.2", "HTTP", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 15), LocalDate.of(2026, 7, 2),
			List.of(new TimeWindow(1, 5), new TimeWindow(22, 24)), null, null,
			List.of("990000862471854", "012345678901234"));

	@Test
	void sendsTheBodyFieldForFieldWithBothCredentialHeadersAndReturnsTheCampaign() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(okJson(CAMPAIGN_JSON)));

		Campaign campaign = client().scheduleFileUpgrade(ACCOUNT, REQUEST);

		assertThat(campaign.id()).isEqualTo(CAMPAIGN_ID);
		assertThat(campaign.status()).isEqualTo("CampaignRequestPending");
		assertThat(campaign.startDate()).isEqualTo(LocalDate.of(2026, 7, 1));
		assertThat(campaign.downloadTimeWindowList()).containsExactly(new TimeWindow(1, 5));
		// dates as YYYY-MM-DD, hours as integers, IMEIs as strings (leading zero kept), nulls left out
		server.verify(exactly(1), scheduleRequests()
				.withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
				.withHeader("VZ-M2M-Token", equalTo(SESSION_TOKEN))
				.withHeader("Content-Type", equalTo("application/json"))
				.withRequestBody(equalToJson("""
						{
						  "campaignName": "pilot-1",
						  "fileName": "cfg.bin",
						  "fileVersion": "1.2",
						  "distributionType": "HTTP",
						  "startDate": "2026-07-01",
						  "endDate": "2026-07-15",
						  "downloadAfterDate": "2026-07-02",
						  "downloadTimeWindowList": [ {"startTime": 1, "endTime": 5}, {"startTime": 22, "endTime": 24} ],
						  "deviceList": [ "990000862471854", "012345678901234" ]
						}
						""")));
	}

	@Test
	void aRejectionKeepsTheVendorsCodeAndMessageVerbatimAndIsNotRetried() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH))
				.willReturn(vendorError(400, "UnifiedWebService.INPUT_INVALID", "Invalid device id format")));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOfSatisfying(VendorRejectedException.class, rejected -> {
					assertThat(rejected.httpStatus()).isEqualTo(400);
					assertThat(rejected.errorCode()).isEqualTo("UnifiedWebService.INPUT_INVALID");
					assertThat(rejected.errorMessage()).isEqualTo("Invalid device id format");
				});
		server.verify(exactly(1), scheduleRequests());
		assertThat(sleeper.waits()).isEmpty();
	}

	@Test
	void aRejectionWithoutTheJsonErrorShapeKeepsAShortExcerpt() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH))
				.willReturn(aResponse().withStatus(404).withBody("<html><body>No route " + "x".repeat(500) + "</body></html>")));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOfSatisfying(VendorRejectedException.class, rejected -> {
					assertThat(rejected.httpStatus()).isEqualTo(404);
					assertThat(rejected.errorCode()).isNull();
					assertThat(rejected.errorMessage()).startsWith("<html><body>No route").hasSizeLessThan(250);
				});
	}

	@Test
	void aServerErrorMakesTheOutcomeUnknownAndThePostIsSentOnlyOnce() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(vendorError(500, "InternalError", "oops")));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOf(SubmissionOutcomeUnknownException.class)
				.hasMessageContaining("HTTP 500")
				.hasMessageContaining("may or may not have been created");
		server.verify(exactly(1), scheduleRequests());
		assertThat(sleeper.waits()).isEmpty();
	}

	@Test
	void a408MakesTheOutcomeUnknownAndThePostIsSentOnlyOnce() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(aResponse().withStatus(408)));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOf(SubmissionOutcomeUnknownException.class);
		server.verify(exactly(1), scheduleRequests());
	}

	@Test
	void aReadTimeoutMakesTheOutcomeUnknownAndThePostIsSentOnlyOnce() {
		properties.readTimeout(Duration.ofMillis(300));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(okJson(CAMPAIGN_JSON).withFixedDelay(1500)));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOf(SubmissionOutcomeUnknownException.class)
				.hasMessageContaining("got no answer");
		server.verify(exactly(1), scheduleRequests());
		assertThat(sleeper.waits()).isEmpty();
	}

	@Test
	void aConnectionResetMidExchangeMakesTheOutcomeUnknownAndThePostIsSentOnlyOnce() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOf(SubmissionOutcomeUnknownException.class);
		server.verify(exactly(1), scheduleRequests());
	}

	@Test
	void anEmptyAnswerMakesTheOutcomeUnknownAndThePostIsSentOnlyOnce() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOf(SubmissionOutcomeUnknownException.class);
		server.verify(exactly(1), scheduleRequests());
	}

	@Test
	void aSuccessWithoutACampaignIdMakesTheOutcomeUnknown() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(okJson("{\"status\":\"CampaignRequestPending\"}")));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOf(SubmissionOutcomeUnknownException.class)
				.hasMessageContaining("without a campaign id");
		server.verify(exactly(1), scheduleRequests());
	}

	@Test
	void a429WithRetryAfterSecondsWaitsTheAnnouncedTimeAndSendsAgain() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).inScenario("throttled").whenScenarioStateIs(STARTED)
				.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
				.willSetStateTo("open"));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).inScenario("throttled").whenScenarioStateIs("open")
				.willReturn(okJson(CAMPAIGN_JSON)));

		Campaign campaign = client().scheduleFileUpgrade(ACCOUNT, REQUEST);

		assertThat(campaign.id()).isEqualTo(CAMPAIGN_ID);
		assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
		server.verify(exactly(2), scheduleRequests());
	}

	@Test
	void a429WithRetryAfterHttpDateWaitsUntilThatDate() {
		String inTwelveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
				.format(clock.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).inScenario("throttled").whenScenarioStateIs(STARTED)
				.willReturn(aResponse().withStatus(429).withHeader("Retry-After", inTwelveSeconds))
				.willSetStateTo("open"));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).inScenario("throttled").whenScenarioStateIs("open")
				.willReturn(okJson(CAMPAIGN_JSON)));

		client().scheduleFileUpgrade(ACCOUNT, REQUEST);

		assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(12));
	}

	@Test
	void persistent429sEndAsUnavailableAfterTheConfiguredAttempts() {
		properties.maxAttempts(3);
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(aResponse().withStatus(429)));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOf(ThingSpaceUnavailableException.class)
				.hasMessageContaining("after 3 attempts")
				.hasMessageContaining("safe to send again later");
		server.verify(exactly(3), scheduleRequests());
		// no Retry-After: exponential backoff from 500 ms, each wait in the upper half of its ceiling
		assertThat(sleeper.waits()).hasSize(2);
		assertThat(sleeper.waits().get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
		assertThat(sleeper.waits().get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
	}

	@Test
	void aRetryAfterLongerThanTheMaximumBackoffEndsTheRetriesAtOnce() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH))
				.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOfSatisfying(ThingSpaceUnavailableException.class,
						unavailable -> assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(600)));
		server.verify(exactly(1), scheduleRequests());
		assertThat(sleeper.waits()).isEmpty();
	}

	@Test
	void aRefusedConnectionIsRetriedAndEndsAsUnavailable() {
		ThingSpaceClient client = client();
		// log in first, over connections the server closes, so that nothing is left in the pool
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(
				"{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3600}").withHeader("Connection", "close")));
		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).willReturn(okJson(
				"{\"sessionToken\":\"" + SESSION_TOKEN + "\"}").withHeader("Connection", "close")));
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(CAMPAIGN_PATH))
				.willReturn(okJson(CAMPAIGN_JSON).withHeader("Connection", "close")));
		client.getCampaign(ACCOUNT, CAMPAIGN_ID);
		server.stop();

		assertThatThrownBy(() -> client.scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOf(ThingSpaceUnavailableException.class)
				.hasMessageContaining("after 5 attempts")
				.hasMessageContaining("ConnectException");
		assertThat(sleeper.waits()).hasSize(4);
	}

	@Test
	void theRequestOmitsOptionalFieldsLeftNull() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(okJson(CAMPAIGN_JSON)));
		ScheduleFileUpgradeRequest minimal = new ScheduleFileUpgradeRequest(null, "cfg.bin", "1.2", "OMA",
				LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 1), null, null, null, null, List.of("990000862471854"));

		client().scheduleFileUpgrade(ACCOUNT, minimal);

		server.verify(exactly(1), scheduleRequests().withRequestBody(equalToJson("""
				{"fileName":"cfg.bin","fileVersion":"1.2","distributionType":"OMA","startDate":"2026-07-01",
				 "endDate":"2026-07-01","deviceList":["990000862471854"]}
				""")));
	}
}
