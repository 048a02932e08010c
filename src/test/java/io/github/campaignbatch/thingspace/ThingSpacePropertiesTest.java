package io.github.campaignbatch.thingspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThingSpacePropertiesTest {

	@Test
	void defaultsMatchTheDocumentedValues() {
		ThingSpaceProperties properties = new ThingSpaceProperties();

		assertThat(properties.getBaseUrl()).isEqualTo("https://thingspace.verizon.com");
		assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getMaxRequestsPerSecond()).isEqualTo(5.0);
		assertThat(properties.getMaxInFlight()).isEqualTo(4);
		assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(5);
		assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(500));
		assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getTokenRefreshMargin()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void missingCredentialsNamesTheBlankOnesByEnvironmentVariable() {
		ThingSpaceProperties properties = new ThingSpaceProperties();
		assertThat(properties.missingCredentials()).containsExactly("THINGSPACE_CLIENT_ID",
				"THINGSPACE_CLIENT_SECRET", "THINGSPACE_USERNAME", "THINGSPACE_PASSWORD");

		properties.setClientId("id");
		properties.setClientSecret("  ");
		properties.setUsername("user");
		properties.setPassword("pw");
		assertThat(properties.missingCredentials()).containsExactly("THINGSPACE_CLIENT_SECRET");
	}

	@Test
	void toStringShowsSettingsButNoSecret() {
		ThingSpaceProperties properties = new ThingSpaceProperties();
		properties.setClientId("the-client-id");
		properties.setClientSecret("the-client-secret");
		properties.setUsername("the-user");
		properties.setPassword("the-password");

		assertThat(properties.toString())
				.doesNotContain("the-client-id", "the-client-secret", "the-user", "the-password")
				.contains("baseUrl=https://thingspace.verizon.com", "clientSecret=****", "maxInFlight=4");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://thingspace.verizon.com", "https://example.com:8443/prefix/",
			"http://127.0.0.1:8089", "http://127.10.0.1", "http://localhost:9000", "http://[::1]:8080" })
	void httpsAnywhereAndPlainHttpOnLoopbackAreAccepted(String baseUrl) {
		ThingSpaceProperties properties = new ThingSpaceProperties();
		properties.setBaseUrl(baseUrl);

		assertThat(properties.validate().toString()).doesNotEndWith("/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://thingspace.verizon.com", "http://10.0.0.5:8080", "http://localhost.evil.com",
			"http://127.0.0.1.nip.io" })
	void plainHttpToANonLoopbackHostIsRefusedWithAClearMessage(String baseUrl) {
		ThingSpaceProperties properties = new ThingSpaceProperties();
		properties.setBaseUrl(baseUrl);

		assertThatIllegalArgumentException().isThrownBy(properties::validate)
				.withMessageContaining("plain http://")
				.withMessageContaining("THINGSPACE_BASE_URL")
				.withMessageContaining("https://");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "thingspace.verizon.com", "ftp://thingspace.verizon.com", "https://" })
	void somethingThatIsNotAnHttpUrlIsRefused(String baseUrl) {
		ThingSpaceProperties properties = new ThingSpaceProperties();
		properties.setBaseUrl(baseUrl);

		assertThatIllegalArgumentException().isThrownBy(properties::validate)
				.withMessageContaining("THINGSPACE_BASE_URL");
	}

	@Test
	void limitsMustBePositive() {
		ThingSpaceProperties properties = new ThingSpaceProperties();
		properties.setMaxRequestsPerSecond(0);

		assertThatIllegalArgumentException().isThrownBy(properties::validate)
				.withMessageContaining("max-requests-per-second");
	}
}
