package io.github.campaignbatch.thingspace;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpacePropertiesBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * TLS verification stays on: the client refuses a server whose certificate no trusted authority signed (here
 * WireMock's own self-signed one), and sends it nothing, not even the credentials of the token request.
 */
class TlsVerificationTest {

	private static final String CLIENT_SECRET = "client-secret-TLS-S3CR3T";

	private WireMockServer server;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
		this.server.start();
		this.server.stubFor(post(anyUrl()).willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void aSelfSignedCertificateIsRefusedAndNothingIsSent() {
		ThingSpacePropertiesBuilder properties = new ThingSpacePropertiesBuilder();
		properties.baseUrl("https://127.0.0.1:" + this.server.httpsPort());
		properties.clientId("client-id");
		properties.clientSecret(CLIENT_SECRET);
		properties.username("user");
		properties.password("password-TLS-P4SS");
		properties.connectTimeout(Duration.ofSeconds(5));
		properties.readTimeout(Duration.ofSeconds(5));
		List<Duration> waits = new ArrayList<>();
		ThingSpaceClient client = new ThingSpaceClient(properties.build(), Clock.systemUTC(), waits::add);

		Throwable failure = catchThrowable(() -> client.availableFiles("0000123456-00001"));

		assertThat(failure).as("the call fails").isNotNull();
		assertThat(causes(failure)).as("because of the certificate")
			.anyMatch((cause) -> cause instanceof javax.net.ssl.SSLException);
		assertThat(String.valueOf(failure.getMessage())).doesNotContain(CLIENT_SECRET);
		assertThat(this.server.findAll(anyRequestedFor(anyUrl()))).as("no request reached the server").isEmpty();
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable t = failure; t != null && !causes.contains(t); t = t.getCause()) {
			causes.add(t);
		}
		return causes;
	}
}
