package io.github.campaignbatch.simulator;

import io.github.campaignbatch.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.campaignbatch.simulator.SimulatorClient.Reply;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2030-06-15T10:00:00Z"));
	private SimulatorServer simulator;
	private SimulatorClient client;

	@BeforeEach
	void start() {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults().withClock(this.clock).withSessionTtlSeconds(60));
		this.client = new SimulatorClient(this.simulator.baseUrl());
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void issuesABearerTokenForTheConfiguredClient() {
		Reply reply = this.client.token("demo-client", "demo-secret", "client_credentials");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body().get("access_token").asString()).isNotBlank();
		assertThat(reply.body().get("token_type").asString()).isEqualTo("bearer");
		assertThat(reply.body().get("expires_in").asLong()).isEqualTo(3600);
		assertThat(reply.body().has("scope")).isTrue();
		assertThat(this.simulator.tokenCount()).isEqualTo(1);
	}

	@Test
	void refusesAnUnknownClientWithInvalidClient() {
		Reply reply = this.client.token("demo-client", "wrong", "client_credentials");

		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.body().get("error").asString()).isEqualTo("invalid_client");
		assertThat(reply.body().get("error_description").asString()).isNotBlank();
		assertThat(this.simulator.tokenCount()).isEqualTo(1);
	}

	@Test
	void refusesAnotherGrantType() {
		Reply reply = this.client.token("demo-client", "demo-secret", "password");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body().get("error").asString()).isEqualTo("unsupported_grant_type");
	}

	@Test
	void logsInWithABearerAndTheConfiguredUser() {
		this.client.authenticated();

		assertThat(this.client.sessionToken()).isNotBlank();
		assertThat(this.simulator.loginCount()).isEqualTo(1);
	}

	@Test
	void loginWithoutABearerIsUnauthorized() {
		Reply reply = this.client.login("demo-user", "demo-password");

		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.body().at("/fault/message").asString()).isEqualTo("Invalid Credentials");
	}

	@Test
	void wrongPasswordIsABadRequestWithTheCredentialsCode() {
		this.client.authenticated();

		Reply reply = this.client.login("demo-user", "wrong");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorCode()).isEqualTo("UnifiedWebService.INPUT_INVALID.Credentials");
		assertThat(reply.errorMessage()).isEqualTo("Invalid username or password");
	}

	@Test
	void fiveFailedLoginsInARowLockTheUserEvenAgainstTheRightPassword() {
		this.client.authenticated();
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThat(this.client.login("demo-user", "wrong").errorCode()).isEqualTo(AuthEndpoints.CREDENTIALS_INVALID);
		}

		Reply reply = this.client.login("demo-user", "demo-password");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorCode()).isEqualTo("UnifiedWebService.REQUEST_FAILED.UserLocked");
		assertThat(this.simulator.loginCount()).isEqualTo(7);
	}

	@Test
	void aSuccessfulLoginResetsTheFailureCount() {
		this.client.authenticated();
		for (int attempt = 0; attempt < 4; attempt++) {
			this.client.login("demo-user", "wrong");
		}
		assertThat(this.client.login("demo-user", "demo-password").status()).isEqualTo(200);
		for (int attempt = 0; attempt < 4; attempt++) {
			this.client.login("demo-user", "wrong");
		}

		assertThat(this.client.login("demo-user", "demo-password").status()).isEqualTo(200);
	}

	@Test
	void fotaCallWithoutBearerIsUnauthorized() {
		this.client.authenticated();
		HttpRequest.Builder request = HttpRequest.newBuilder(this.simulator.baseUrl().resolve("/api/fota/v2/files/acc"))
				.header("VZ-M2M-Token", this.client.sessionToken())
				.GET();

		Reply reply = this.client.send(request);

		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.body().at("/fault/code").asString()).isEqualTo("900901");
	}

	@Test
	void fotaCallWithAnUnknownBearerIsUnauthorized() {
		this.client.authenticated();
		HttpRequest.Builder request = HttpRequest.newBuilder(this.simulator.baseUrl().resolve("/api/fota/v2/files/acc"))
				.header("Authorization", "Bearer not-a-token")
				.header("VZ-M2M-Token", this.client.sessionToken())
				.GET();

		assertThat(this.client.send(request).status()).isEqualTo(401);
	}

	@Test
	void fotaCallWithoutSessionIsUnauthorized() {
		this.client.authenticated();
		HttpRequest.Builder request = HttpRequest.newBuilder(this.simulator.baseUrl().resolve("/api/fota/v2/files/acc"))
				.header("Authorization", "Bearer " + this.client.accessToken())
				.GET();

		Reply reply = this.client.send(request);

		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.errorCode()).isEqualTo("UnifiedWebService.INPUT_INVALID.SessionToken.Invalid");
	}

	@Test
	void bearerExpiresAfterAnHour() {
		this.client.authenticated();
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(this.client.login("demo-user", "demo-password").status()).isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(1));
		Reply reply = this.client.login("demo-user", "demo-password");

		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.body().at("/fault/message").asString()).isEqualTo("Invalid Credentials");
	}

	@Test
	void sessionExpiresAfterTheTtlWithoutUse() {
		this.client.authenticated();

		this.clock.advance(Duration.ofSeconds(60));
		Reply reply = this.client.files("");

		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.errorCode()).isEqualTo("UnifiedWebService.REQUEST_FAILED.SessionToken.Expired");
		assertThat(reply.errorMessage()).isEqualTo("Session token expired");
	}

	@Test
	void everyUseRestartsTheSessionTtl() {
		this.client.authenticated();
		for (int minute = 0; minute < 5; minute++) {
			this.clock.advance(Duration.ofSeconds(50));
			assertThat(this.client.files("").status()).isEqualTo(200);
		}

		this.clock.advance(Duration.ofSeconds(60));

		assertThat(this.client.files("").errorCode()).isEqualTo(Authenticator.SESSION_EXPIRED);
	}

	@Test
	void logoutEndsTheSession() {
		this.client.authenticated();
		String session = this.client.sessionToken();

		Reply logout = this.client.logout();

		assertThat(logout.status()).isEqualTo(200);
		assertThat(logout.body().get("sessionToken").asString()).isEqualTo(session);
		assertThat(this.client.files("").errorCode()).isEqualTo(Authenticator.SESSION_INVALID);
	}
}
