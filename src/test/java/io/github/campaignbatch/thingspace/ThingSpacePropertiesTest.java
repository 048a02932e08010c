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
		ThingSpaceProperties properties = new ThingSpacePropertiesBuilder().build();

		assertThat(properties.baseUrl()).isEqualTo("https://thingspace.verizon.com");
		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.maxRequestsPerSecond()).isEqualTo(5.0);
		assertThat(properties.maxInFlight()).isEqualTo(4);
		assertThat(properties.retry().maxAttempts()).isEqualTo(5);
		assertThat(properties.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
		assertThat(properties.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.tokenRefreshMargin()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void missingCredentialsNamesTheBlankOnesByEnvironmentVariable() {
		assertThat(new ThingSpacePropertiesBuilder().build().missingCredentials()).containsExactly(
				"THINGSPACE_CLIENT_ID", "THINGSPACE_CLIENT_SECRET", "THINGSPACE_USERNAME", "THINGSPACE_PASSWORD");

		ThingSpaceProperties properties = new ThingSpacePropertiesBuilder().clientId("id").clientSecret("  ")
				.username("user").password("pw").build();
		assertThat(properties.missingCredentials()).containsExactly("THINGSPACE_CLIENT_SECRET");
	}

	@Test
	void toStringShowsSettingsButNoSecret() {
		ThingSpaceProperties properties = new ThingSpacePropertiesBuilder().clientId("the-client-id")
				.clientSecret("the-client-secret").username("the-user").password("the-password").build();

		assertThat(properties.toString())
				.doesNotContain("the-client-id", "the-client-secret", "the-user", "the-password")
				.contains("baseUrl=https://thingspace.verizon.com", "clientSecret=****", "maxInFlight=4");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://thingspace.verizon.com", "https://example.com:8443/prefix/",
			"http://127.0.0.1:8089", "http://127.10.0.1", "http://localhost:9000", "http://[::1]:8080" })
	void httpsAnywhereAndPlainHttpOnLoopbackAreAccepted(String baseUrl) {
		ThingSpaceProperties properties = new ThingSpacePropertiesBuilder().baseUrl(baseUrl).build();

		assertThat(properties.validate().toString()).doesNotEndWith("/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://thingspace.verizon.com", "http://10.0.0.5:8080", "http://localhost.evil.com",
			"http://127.0.0.1.nip.io" })
	void plainHttpToANonLoopbackHostIsRefusedWithAClearMessage(String baseUrl) {
		ThingSpaceProperties properties = new ThingSpacePropertiesBuilder().baseUrl(baseUrl).build();

		assertThatIllegalArgumentException().isThrownBy(properties::validate)
				.withMessageContaining("plain http://")
				.withMessageContaining("THINGSPACE_BASE_URL")
				.withMessageContaining("https://");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "thingspace.verizon.com", "ftp://thingspace.verizon.com", "https://" })
	void somethingThatIsNotAnHttpUrlIsRefused(String baseUrl) {
		ThingSpaceProperties properties = new ThingSpacePropertiesBuilder().baseUrl(baseUrl).build();

		assertThatIllegalArgumentException().isThrownBy(properties::validate)
				.withMessageContaining("THINGSPACE_BASE_URL");
	}

	@Test
	void limitsMustBePositive() {
		ThingSpaceProperties properties = new ThingSpacePropertiesBuilder().maxRequestsPerSecond(0).build();

		assertThatIllegalArgumentException().isThrownBy(properties::validate)
				.withMessageContaining("max-requests-per-second");
	}
}
