package io.github.campaignbatch.thingspace;

import io.github.campaignbatch.support.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock server on 127.0.0.1 standing in for ThingSpace, with working token and login endpoints and
 * a client pointed at it whose waits are recorded instead of slept.
 */
abstract class FakeThingSpace {

	static final String ACCOUNT = "0000123456-00001";
	static final String CLIENT_ID = "client-id-42";
	static final String CLIENT_SECRET = "client-secret-S3CR3T";
	static final String USERNAME = "batch-user";
	static final String PASSWORD = "password-P4SSW0RD";
	static final String ACCESS_TOKEN = "access-token-T0K3N";
	static final String SESSION_TOKEN = "session-token-S3SS10N";
	static final String BASIC = "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));

	static final String TOKEN_PATH = "/api/ts/v1/oauth2/token";
	static final String LOGIN_PATH = "/api/m2m/v1/session/login";
	static final String SCHEDULE_PATH = "/api/fota/v2/campaigns/files/" + ACCOUNT;
	static final String CAMPAIGN_ID = "60b5d639-ccdc-4db8-8824-069bd94c95bf";
	static final String CAMPAIGN_PATH = "/api/fota/v2/campaigns/" + ACCOUNT + "/" + CAMPAIGN_ID;
	static final String HISTORY_PATH = "/api/fota/v2/reports/" + ACCOUNT + "/campaigns";

	static final String CAMPAIGN_JSON = """
			{"id":"%s","accountName":"%s","campaignName":"pilot-1","softwareName":"cfg.bin",
			 "softwareFrom":"","softwareTo":"cfg.bin","fileName":"cfg.bin","fileVersion":"1.2",
			 "distributionType":"HTTP","make":"Acme","model":"M1","startDate":"2026-07-01","endDate":"2026-07-15",
			 "downloadAfterDate":"2026-07-02","downloadTimeWindowList":[{"startTime":1,"endTime":5}],
			 "installAfterDate":null,"installTimeWindowList":[],"status":"CampaignRequestPending",
			 "someFieldAddedLater":{"x":1}}
			""".formatted(CAMPAIGN_ID, ACCOUNT);

	WireMockServer server;
	RecordingSleeper sleeper;
	MutableClock clock;
	ThingSpacePropertiesBuilder properties;

	@BeforeEach
	void startServer() {
		this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		this.server.start();
		this.sleeper = new RecordingSleeper();
		this.clock = new MutableClock(Instant.parse("2026-06-30T08:00:00Z"));
		this.properties = new ThingSpacePropertiesBuilder();
		this.properties.baseUrl(this.server.baseUrl());
		this.properties.clientId(CLIENT_ID);
		this.properties.clientSecret(CLIENT_SECRET);
		this.properties.username(USERNAME);
		this.properties.password(PASSWORD);
		this.properties.maxRequestsPerSecond(1000);
		this.properties.readTimeout(Duration.ofSeconds(5));
		this.properties.connectTimeout(Duration.ofSeconds(2));
		stubToken(ACCESS_TOKEN, 3600);
		stubLogin(ACCESS_TOKEN, SESSION_TOKEN);
	}

	@AfterEach
	void stopServer() {
		this.server.stop();
	}

	ThingSpaceClient client() {
		return new ThingSpaceClient(this.properties.build(), this.clock, this.sleeper);
	}

	void stubToken(String token, int expiresIn) {
		this.server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
				.withHeader("Authorization", equalTo(BASIC))
				.withRequestBody(equalTo("grant_type=client_credentials"))
				.willReturn(okJson("""
						{"access_token":"%s","token_type":"Bearer","expires_in":%d,"scope":"ts.application.ro"}
						""".formatted(token, expiresIn))));
	}

	/** The first token request is answered {@link #ACCESS_TOKEN}, every later one {@code renewed}. */
	void stubTokenThenRenewal(String renewed) {
		stubToken(renewed, 3600);
		this.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs(STARTED)
				.willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3600}"))
				.willSetStateTo("first token issued"));
	}

	void stubLogin(String bearer, String session) {
		this.server.stubFor(post(urlPathEqualTo(LOGIN_PATH))
				.withHeader("Authorization", equalTo("Bearer " + bearer))
				.withRequestBody(equalToJson("{\"username\":\"%s\",\"password\":\"%s\"}".formatted(USERNAME, PASSWORD)))
				.willReturn(okJson("{\"sessionToken\":\"%s\"}".formatted(session))));
	}

	static RequestPatternBuilder tokenRequests() {
		return postRequestedFor(urlPathEqualTo(TOKEN_PATH));
	}

	static RequestPatternBuilder loginRequests() {
		return postRequestedFor(urlPathEqualTo(LOGIN_PATH));
	}

	static RequestPatternBuilder scheduleRequests() {
		return postRequestedFor(urlPathEqualTo(SCHEDULE_PATH));
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder vendorError(int status, String code,
			String message) {
		return aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorCode\":\"%s\",\"errorMessage\":\"%s\"}".formatted(code, message));
	}
}
