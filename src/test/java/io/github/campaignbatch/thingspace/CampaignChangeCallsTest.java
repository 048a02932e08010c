package io.github.campaignbatch.thingspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;

import io.github.campaignbatch.campaign.TimeWindow;

import org.junit.jupiter.api.Test;

/** The two PUTs that change a campaign: their bodies, and that one which may have been applied is never repeated. */
class CampaignChangeCallsTest extends FakeThingSpace {

	private static final String DATES_PATH = CAMPAIGN_PATH + "/dates";

	private static final CampaignDates DATES = new CampaignDates(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 20),
			LocalDate.of(2026, 7, 2), List.of(new TimeWindow(0, 2), new TimeWindow(23, 24)), null, List.of());

	@Test
	void theDatesGoAsTheWholeScheduleWithBothCredentials() {
		server.stubFor(put(urlPathEqualTo(DATES_PATH)).willReturn(okJson(CAMPAIGN_JSON)));

		client().changeCampaignDates(ACCOUNT, CAMPAIGN_ID, DATES);

		server.verify(exactly(1), putRequestedFor(urlPathEqualTo(DATES_PATH))
				.withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
				.withHeader("VZ-M2M-Token", equalTo(SESSION_TOKEN))
				.withRequestBody(equalToJson("""
						{
						  "startDate": "2026-07-01",
						  "endDate": "2026-07-20",
						  "downloadAfterDate": "2026-07-02",
						  "downloadTimeWindowList": [ {"startTime": 0, "endTime": 2}, {"startTime": 23, "endTime": 24} ]
						}
						""")));
	}

	@Test
	void devicesGoAsThePagesExampleAndTheRequestIdComesBack() {
		server.stubFor(put(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson(
				"{\"accountName\":\"" + ACCOUNT + "\",\"campaignId\":\"" + CAMPAIGN_ID + "\",\"requestId\":\"r-7\"}")));

		String requestId = client().changeCampaignDevices(ACCOUNT, CAMPAIGN_ID, List.of("012345678901234"),
				List.of("990000862471854"));

		assertThat(requestId).isEqualTo("r-7");
		server.verify(exactly(1), putRequestedFor(urlPathEqualTo(CAMPAIGN_PATH)).withRequestBody(equalToJson("""
				{"addOrRemoveDevice": [
				  {"type": "append", "deviceList": ["012345678901234"]},
				  {"type": "remove", "deviceList": ["990000862471854"]}
				]}
				""")));
	}

	@Test
	void aChangeWhoseAnswerWasLostIsNotSentAgainAndSaysSo() {
		server.stubFor(put(urlPathEqualTo(DATES_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		server.stubFor(put(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(aResponse().withStatus(503)));

		assertThatThrownBy(() -> client().changeCampaignDates(ACCOUNT, CAMPAIGN_ID, DATES))
				.isInstanceOf(SubmissionOutcomeUnknownException.class)
				.hasMessageEndingWith("; the change may or may not have been applied");
		assertThatThrownBy(() -> client().changeCampaignDevices(ACCOUNT, CAMPAIGN_ID, List.of("012345678901234"), List.of()))
				.isInstanceOf(SubmissionOutcomeUnknownException.class);
		server.verify(exactly(1), putRequestedFor(urlPathEqualTo(DATES_PATH)));
		server.verify(exactly(1), putRequestedFor(urlPathEqualTo(CAMPAIGN_PATH)));
	}

	@Test
	void aRefusedChangeKeepsTheVendorsWords() {
		server.stubFor(put(urlPathEqualTo(CAMPAIGN_PATH))
				.willReturn(vendorError(400, "INVALID_PARAMETER", "Device list is empty")));

		assertThatThrownBy(() -> client().changeCampaignDevices(ACCOUNT, CAMPAIGN_ID, List.of(), List.of("012345678901234")))
				.isInstanceOfSatisfying(VendorRejectedException.class,
						refused -> assertThat(refused.errorMessage()).isEqualTo("Device list is empty"));
	}
}
