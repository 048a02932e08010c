package io.github.campaignbatch.thingspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** OAuth2 token and M2M session: cached, shared, renewed once when refused, never retried when denied. */
class AuthenticationTest extends FakeThingSpace {

	private static final ScheduleFileUpgradeRequest REQUEST = new ScheduleFileUpgradeRequest("pilot-1", "cfg.bin",
			"1.2", "HTTP", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 15), null, null, null, null,
			List.of("990000862471854"));

	@Test
	void theTokenAndTheSessionAreFetchedOnceAndReusedAcrossCalls() {
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson(CAMPAIGN_JSON)));
		ThingSpaceClient client = client();

		client.getCampaign(ACCOUNT, CAMPAIGN_ID);
		client.getCampaign(ACCOUNT, CAMPAIGN_ID);
		client.getCampaign(ACCOUNT, CAMPAIGN_ID);

		server.verify(exactly(1), tokenRequests()
				.withHeader("Content-Type", containing("application/x-www-form-urlencoded")));
		server.verify(exactly(1), loginRequests());
		server.verify(exactly(3), getRequestedFor(urlPathEqualTo(CAMPAIGN_PATH)));
	}

	@Test
	void theTokenIsRenewedOnceItIsWithinTheRefreshMarginOfItsExpiry() {
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson(CAMPAIGN_JSON)));
		ThingSpaceClient client = client();
		client.getCampaign(ACCOUNT, CAMPAIGN_ID);

		// expires_in 3600 s, margin 60 s: still good 3539 s later
		clock.advance(Duration.ofSeconds(3539));
		client.getCampaign(ACCOUNT, CAMPAIGN_ID);
		server.verify(exactly(1), tokenRequests());

		clock.advance(Duration.ofSeconds(1));
		client.getCampaign(ACCOUNT, CAMPAIGN_ID);
		server.verify(exactly(2), tokenRequests());
		// the session is independent of the token and stays
		server.verify(exactly(1), loginRequests());
	}

	@Test
	void concurrentCallersShareOneTokenFetchAndOneLogin() throws Exception {
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(
				"{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3600}").withFixedDelay(200)));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson(CAMPAIGN_JSON)));
		ThingSpaceClient client = client();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Campaign>> calls = IntStream.range(0, 8)
					.<Callable<Campaign>>mapToObj(i -> () -> client.getCampaign(ACCOUNT, CAMPAIGN_ID))
					.toList();
			for (Future<Campaign> result : pool.invokeAll(calls)) {
				assertThat(result.get().id()).isEqualTo(CAMPAIGN_ID);
			}
		}
		finally {
			pool.shutdownNow();
		}
		server.verify(exactly(1), tokenRequests());
		server.verify(exactly(1), loginRequests());
	}

	@Test
	void a401OnAFotaCallFetchesOneFreshTokenAndSendsTheCallOnceMore() {
		stubTokenThenRenewal("token-2");
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
				.willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_token\"}")));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).withHeader("Authorization", equalTo("Bearer token-2"))
				.willReturn(okJson(CAMPAIGN_JSON)));

		Campaign campaign = client().scheduleFileUpgrade(ACCOUNT, REQUEST);

		assertThat(campaign.id()).isEqualTo(CAMPAIGN_ID);
		server.verify(exactly(2), tokenRequests());
		server.verify(exactly(2), scheduleRequests());
		server.verify(exactly(1), scheduleRequests().withHeader("Authorization", equalTo("Bearer token-2")));
		// the session was not the problem: no new login
		server.verify(exactly(1), loginRequests());
		assertThat(sleeper.waits()).isEmpty();
	}

	@Test
	void a401ThatPersistsWithAFreshTokenIsAnAuthenticationFailureAfterOneRetry() {
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(aResponse().withStatus(401)));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOfSatisfying(AuthenticationFailedException.class, failed -> {
					assertThat(failed.step()).isEqualTo(AuthenticationFailedException.Step.API_CALL);
					assertThat(failed).hasMessageContaining("THINGSPACE_CLIENT_ID");
				});
		server.verify(exactly(2), tokenRequests());
		server.verify(exactly(2), scheduleRequests());
	}

	@Test
	void anExpiredSessionLogsInOnceMoreAndSendsTheCallOnceMore() {
		stubLogin(ACCESS_TOKEN, SESSION_TOKEN);
		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).inScenario("login").whenScenarioStateIs(STARTED)
				.willReturn(okJson("{\"sessionToken\":\"stale-session\"}"))
				.willSetStateTo("logged in once"));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).withHeader("VZ-M2M-Token", equalTo("stale-session"))
				.willReturn(vendorError(400, "UnifiedWebService.REQUEST_FAILED.SessionToken.Expired",
						"SessionToken Expired")));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).withHeader("VZ-M2M-Token", equalTo(SESSION_TOKEN))
				.willReturn(okJson(CAMPAIGN_JSON)));

		Campaign campaign = client().scheduleFileUpgrade(ACCOUNT, REQUEST);

		assertThat(campaign.id()).isEqualTo(CAMPAIGN_ID);
		server.verify(exactly(2), loginRequests());
		server.verify(exactly(2), scheduleRequests());
		server.verify(exactly(1), tokenRequests());
	}

	@Test
	void anInvalidSessionAnsweredWith401AlsoLogsInAgainOnlyOnce() {
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(
				vendorError(401, "UnifiedWebService.INPUT_INVALID.SessionToken.Invalid", "Invalid session token")));

		assertThatThrownBy(() -> client().getCampaign(ACCOUNT, CAMPAIGN_ID))
				.isInstanceOfSatisfying(AuthenticationFailedException.class,
						failed -> assertThat(failed.environmentVariables())
								.containsExactly("THINGSPACE_USERNAME", "THINGSPACE_PASSWORD"));
		server.verify(exactly(2), loginRequests());
		server.verify(exactly(2), getRequestedFor(urlPathEqualTo(CAMPAIGN_PATH)));
		// a session refusal is not a token problem: the token stays
		server.verify(exactly(1), tokenRequests());
	}

	@Test
	void refusedClientCredentialsAreTriedExactlyOnceAndRemembered() {
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
		ThingSpaceClient client = client();

		assertThatThrownBy(() -> client.scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOfSatisfying(AuthenticationFailedException.class, failed -> {
					assertThat(failed.step()).isEqualTo(AuthenticationFailedException.Step.ACCESS_TOKEN);
					assertThat(failed).hasMessageContaining("OAuth2 client credentials")
							.hasMessageContaining("invalid_client: Client authentication failed")
							.hasMessageContaining("THINGSPACE_CLIENT_ID, THINGSPACE_CLIENT_SECRET");
				});
		assertThatThrownBy(() -> client.getCampaign(ACCOUNT, CAMPAIGN_ID))
				.isInstanceOf(AuthenticationFailedException.class);

		server.verify(exactly(1), tokenRequests());
		server.verify(exactly(0), loginRequests());
		server.verify(exactly(0), scheduleRequests());
		assertThat(sleeper.waits()).isEmpty();
	}

	@Test
	void aTokenEndpointAnswering400IsAlsoRefusedCredentials() {
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
				.withBody("{\"error\":\"invalid_request\"}")));

		assertThatThrownBy(() -> client().availableFiles(ACCOUNT)).isInstanceOf(AuthenticationFailedException.class);
		server.verify(exactly(1), tokenRequests());
	}

	@Test
	void aRefusedLoginIsTriedExactlyOnceAndRememberedSoTheUserIsNotLockedOut() {
		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).willReturn(
				vendorError(400, "UnifiedWebService.INPUT_INVALID.Login.InvalidCredentials", "Invalid credentials")));
		ThingSpaceClient client = client();

		for (int call = 0; call < 3; call++) {
			assertThatThrownBy(() -> client.scheduleFileUpgrade(ACCOUNT, REQUEST))
					.isInstanceOfSatisfying(AuthenticationFailedException.class, failed -> {
						assertThat(failed.step()).isEqualTo(AuthenticationFailedException.Step.SESSION_LOGIN);
						assertThat(failed).hasMessageContaining("M2M session login")
								.hasMessageContaining("Invalid credentials")
								.hasMessageContaining("THINGSPACE_USERNAME, THINGSPACE_PASSWORD");
					});
		}

		server.verify(exactly(1), loginRequests());
		server.verify(exactly(0), scheduleRequests());
		assertThat(sleeper.waits()).isEmpty();
	}

	@Test
	void aLoginRefusedByTheGatewayForItsTokenRenewsTheTokenAndIsNotARefusedLogin() {
		// the session expired, and by the time of the login the token had been revoked too
		stubTokenThenRenewal("token-2");
		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
				.inScenario("login").whenScenarioStateIs(STARTED)
				.willReturn(okJson("{\"sessionToken\":\"stale-session\"}")).willSetStateTo("token revoked"));
		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
				.inScenario("login").whenScenarioStateIs("token revoked")
				.willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
						.withBody("{\"fault\":{\"code\":\"900901\",\"message\":\"Invalid Credentials\"}}")));
		stubLogin("token-2", SESSION_TOKEN);
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).withHeader("VZ-M2M-Token", equalTo("stale-session"))
				.willReturn(vendorError(401, "UnifiedWebService.REQUEST_FAILED.SessionToken.Expired", "Expired")));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).withHeader("VZ-M2M-Token", equalTo(SESSION_TOKEN))
				.willReturn(okJson(CAMPAIGN_JSON)));

		assertThat(client().getCampaign(ACCOUNT, CAMPAIGN_ID).id()).isEqualTo(CAMPAIGN_ID);

		server.verify(exactly(2), tokenRequests());
		// the first login, the one the gateway refused for its token, and the one with the new token
		server.verify(exactly(3), loginRequests());
		server.verify(exactly(1), loginRequests().withHeader("Authorization", equalTo("Bearer token-2")));
	}

	@Test
	void aLoginRefusedWith401AgainWithAFreshTokenIsARefusedLoginAndRemembered() {
		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).willReturn(aResponse().withStatus(401)));
		ThingSpaceClient client = client();

		for (int call = 0; call < 2; call++) {
			assertThatThrownBy(() -> client.getCampaign(ACCOUNT, CAMPAIGN_ID))
					.isInstanceOfSatisfying(AuthenticationFailedException.class,
							failed -> assertThat(failed.step()).isEqualTo(AuthenticationFailedException.Step.SESSION_LOGIN));
		}
		server.verify(exactly(2), loginRequests());
		server.verify(exactly(2), tokenRequests());
	}

	@Test
	void aLoginAnswering500IsNotRepeatedAndTheCallIsReportedAsNotSent() {
		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).willReturn(aResponse().withStatus(500)));

		assertThatThrownBy(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST))
				.isInstanceOf(ThingSpaceUnavailableException.class);
		server.verify(exactly(1), loginRequests());
		server.verify(exactly(0), scheduleRequests());
	}

	@Test
	void aThrottledLoginIsRetriedAfterTheAnnouncedWait() {
		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).inScenario("login").whenScenarioStateIs(STARTED)
				.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3"))
				.willSetStateTo("open"));
		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).inScenario("login").whenScenarioStateIs("open")
				.willReturn(okJson("{\"sessionToken\":\"" + SESSION_TOKEN + "\"}")));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson(CAMPAIGN_JSON)));

		client().getCampaign(ACCOUNT, CAMPAIGN_ID);

		assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
		server.verify(exactly(2), loginRequests());
	}

	@Test
	void missingCredentialsAreReportedByNameWithoutAnyRequest() {
		properties.clientSecret(" ");
		properties.password(null);

		assertThatThrownBy(() -> client().getCampaign(ACCOUNT, CAMPAIGN_ID))
				.isInstanceOfSatisfying(AuthenticationFailedException.class, failed -> {
					assertThat(failed.step()).isEqualTo(AuthenticationFailedException.Step.CONFIGURATION);
					assertThat(failed.environmentVariables())
							.containsExactly("THINGSPACE_CLIENT_SECRET", "THINGSPACE_PASSWORD");
				});
		server.verify(exactly(0), anyRequestedFor(anyUrl()));
	}

	@Test
	void everyFotaCallCarriesBothTheBearerTokenAndTheSessionToken() {
		server.stubFor(get(urlPathMatching("/api/fota/v2/.*")).willReturn(okJson("""
				{"hasMoreData":false,"lastSeenCampaignId":"x","campaignList":[],
				 "AvailableFilesResponse":[],"deviceList":[],"success":true}
				""")));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson(CAMPAIGN_JSON)));
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(CAMPAIGN_PATH))
				.willReturn(okJson("{\"success\":true}")));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(okJson(CAMPAIGN_JSON)));
		ThingSpaceClient client = client();

		client.scheduleFileUpgrade(ACCOUNT, REQUEST);
		client.campaignHistory(ACCOUNT, "CampaignScheduled");
		client.getCampaign(ACCOUNT, CAMPAIGN_ID);
		client.availableFiles(ACCOUNT, "HTTP");
		client.cancelCampaign(ACCOUNT, CAMPAIGN_ID);
		client.deviceStatuses(ACCOUNT, CAMPAIGN_ID);

		var fotaCalls = server.findAll(anyRequestedFor(urlPathMatching("/api/fota/v2/.*")));
		assertThat(fotaCalls).hasSize(6).allSatisfy(call -> {
			assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
			assertThat(call.getHeader("VZ-M2M-Token")).isEqualTo(SESSION_TOKEN);
		});
	}
}
