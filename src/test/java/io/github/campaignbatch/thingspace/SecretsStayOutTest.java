package io.github.campaignbatch.thingspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No credential or token reaches a log line or an exception, even with every logger of the client and of
 * Spring's retry at DEBUG and with the vendor echoing credentials back in its error bodies.
 */
class SecretsStayOutTest extends FakeThingSpace {

	private static final List<String> SECRETS = List.of(CLIENT_SECRET, PASSWORD, ACCESS_TOKEN, SESSION_TOKEN,
			"token-2", "session-2", BASIC.substring("Basic ".length()));

	private static final ScheduleFileUpgradeRequest REQUEST = new ScheduleFileUpgradeRequest("pilot-1", "cfg.bin",
			"1.2", "HTTP", LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 15), null, null, null, null,
			List.of("990000862471854"));

	private final List<String> loggerNames = List.of("io.github.campaignbatch.thingspace", "org.springframework.core.retry");
	private final List<Level> previousLevels = new ArrayList<>();
	private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

	@BeforeEach
	void captureDebugLogs() {
		this.captured.start();
		for (String name : this.loggerNames) {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			this.previousLevels.add(logger.getLevel());
			logger.setLevel(Level.DEBUG);
			logger.addAppender(this.captured);
		}
	}

	@AfterEach
	void restoreLogging() {
		for (int i = 0; i < this.loggerNames.size(); i++) {
			Logger logger = (Logger) LoggerFactory.getLogger(this.loggerNames.get(i));
			logger.detachAppender(this.captured);
			logger.setLevel(this.previousLevels.get(i));
		}
	}

	@Test
	void aBusyExchangeLogsMethodPathStatusAndDurationButNoSecret() {
		// first token refused on the call, then a stale session, then a success
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs(STARTED)
				.willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3600}"))
				.willSetStateTo("renewed"));
		stubToken("token-2", 3600);
		stubLogin("token-2", "session-2");
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
				.willReturn(aResponse().withStatus(401).withBody("bad token: Bearer " + ACCESS_TOKEN)));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).withHeader("VZ-M2M-Token", equalTo(SESSION_TOKEN))
				.willReturn(vendorError(401, "UnifiedWebService.REQUEST_FAILED.SessionToken.Expired", "expired")));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).withHeader("VZ-M2M-Token", equalTo("session-2"))
				.willReturn(okJson(CAMPAIGN_JSON)));

		client().scheduleFileUpgrade(ACCOUNT, REQUEST);

		List<String> lines = logLines();
		assertThat(lines).anySatisfy(line -> assertThat(line)
				.matches("POST /api/fota/v2/campaigns/files/" + ACCOUNT + " -> 200 in \\d+ ms.*"));
		assertThat(lines).anySatisfy(line -> assertThat(line).contains("POST /api/ts/v1/oauth2/token -> 200"));
		assertThat(lines).anySatisfy(line -> assertThat(line).contains("Authorization=Bearer ****", "VZ-M2M-Token=****"));
		assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"password\":\"****\""));
		assertNoSecretIn(String.join("\n", lines));
	}

	@Test
	void failuresOfEveryKindCarryNoSecretInMessageOrLog() {
		List<Throwable> failures = new ArrayList<>();

		// the vendor echoes our credentials in a rejection body that is not its JSON error shape
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(aResponse().withStatus(403).withBody(
				"denied {\"sessionToken\":\"" + SESSION_TOKEN + "\"} Authorization: Bearer " + ACCESS_TOKEN)));
		failures.add(catchThrowable(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST)));

		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(aResponse().withStatus(502)
				.withBody("upstream said password=" + PASSWORD)));
		failures.add(catchThrowable(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST)));

		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN)));
		failures.add(catchThrowable(() -> client().getCampaign(ACCOUNT, CAMPAIGN_ID)));

		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).willReturn(aResponse().withStatus(401)
				.withBody("{\"errorMessage\":\"bad login\",\"password\":\"" + PASSWORD + "\"}")));
		failures.add(catchThrowable(() -> client().getCampaign(ACCOUNT, CAMPAIGN_ID)));

		server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
				.withBody("{\"error\":\"invalid_client\",\"error_description\":\"secret " + CLIENT_SECRET + " wrong\"}")));
		failures.add(catchThrowable(() -> client().getCampaign(ACCOUNT, CAMPAIGN_ID)));

		assertThat(failures).hasSize(5).doesNotContainNull();
		assertThat(failures).extracting(Throwable::getClass).containsExactly(VendorRejectedException.class,
				SubmissionOutcomeUnknownException.class, ThingSpaceException.class, AuthenticationFailedException.class,
				AuthenticationFailedException.class);
		for (Throwable failure : failures) {
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			assertNoSecretIn(trace.toString());
		}
		assertNoSecretIn(String.join("\n", logLines()));
	}

	/**
	 * Issue 20: a client secret written with a JSON escape for its first letter in a 500 answer reached the WARN line
	 * verbatim. The vendor may echo a secret in any spelling its JSON, URL or HTML encoder chooses, one character or
	 * all of them.
	 */
	@Test
	void aSecretEchoedInAnotherSpellingIsMaskedToo() {
		String basic = BASIC.substring("Basic ".length());
		List<String> echoed = List.of(jsonEscaped(CLIENT_SECRET, 1, "%04x"), jsonEscaped(PASSWORD, PASSWORD.length(), "%04X"),
				percentEncoded(ACCESS_TOKEN), "&#115;ession-token-S3SS10N", "&#x73;ession-token-S3SS10N",
				jsonEscaped(basic, 3, "%04X"), jsonEscaped(CLIENT_SECRET, 1, "%04x").replace("-", "%2d"));
		server.stubFor(post(urlPathEqualTo(SCHEDULE_PATH)).willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\":\"upstream failed: " + String.join(" ", echoed) + "\"}")));

		Throwable failure = catchThrowable(() -> client().scheduleFileUpgrade(ACCOUNT, REQUEST));

		assertThat(failure).isInstanceOf(SubmissionOutcomeUnknownException.class);
		StringWriter trace = new StringWriter();
		failure.printStackTrace(new PrintWriter(trace));
		String everything = trace + "\n" + String.join("\n", logLines());
		assertThat(everything).contains("upstream failed: ****");
		for (String spelling : echoed) {
			assertThat(everything).as("text mentioning a secret spelled " + spelling).doesNotContain(spelling);
		}
		assertNoSecretIn(everything);
	}

	/** The first {@code count} characters of {@code value} written as JSON escapes, in the given hex format. */
	private static String jsonEscaped(String value, int count, String hex) {
		StringBuilder escaped = new StringBuilder();
		for (int i = 0; i < value.length(); i++) {
			escaped.append(i < count ? "\\u" + String.format(hex, (int) value.charAt(i)) : value.charAt(i));
		}
		return escaped.toString();
	}

	private static String percentEncoded(String value) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
			encoded.append(String.format("%%%02X", b));
		}
		return encoded.toString();
	}

	@Test
	void aServerPauseAndALoginRefusedForItsTokenLogNoSecret() {
		stubTokenThenRenewal("token-2");
		server.stubFor(post(urlPathEqualTo(LOGIN_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
				.willReturn(aResponse().withStatus(401).withBody("token " + ACCESS_TOKEN + " revoked")));
		stubLogin("token-2", "session-2");
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).inScenario("pause").whenScenarioStateIs(STARTED)
				.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
						.withBody("slow down, session-2 and Bearer token-2")).willSetStateTo("open"));
		server.stubFor(get(urlPathEqualTo(CAMPAIGN_PATH)).inScenario("pause").whenScenarioStateIs("open")
				.willReturn(okJson(CAMPAIGN_JSON)));

		client().getCampaign(ACCOUNT, CAMPAIGN_ID);

		List<String> lines = logLines();
		assertThat(lines).anySatisfy(line -> assertThat(line).contains("every request waits"));
		assertThat(lines).anySatisfy(line -> assertThat(line).contains("the OAuth2 token was refused"));
		assertNoSecretIn(String.join("\n", lines));
	}

	private List<String> logLines() {
		List<String> lines = new ArrayList<>();
		for (ILoggingEvent event : this.captured.list) {
			lines.add(event.getFormattedMessage());
			if (event.getThrowableProxy() != null) {
				lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
			}
		}
		return lines;
	}

	private static void assertNoSecretIn(String text) {
		for (String secret : SECRETS) {
			assertThat(text).as("text mentioning a secret").doesNotContain(secret);
		}
	}
}
