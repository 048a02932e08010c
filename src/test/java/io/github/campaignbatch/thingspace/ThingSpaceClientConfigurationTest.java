package io.github.campaignbatch.thingspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ThingSpaceClientConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withUserConfiguration(ThingSpaceClientConfiguration.class);

	@Test
	void theContextStartsWithoutCredentialsBecauseTheClientIsLazy() {
		this.runner.withPropertyValues("thingspace.base-url=http://plain-http-would-be-refused.example")
				.run(context -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBeanFactory().getBeanDefinition("thingSpaceClient").isLazyInit()).isTrue();
					assertThat(context.getBean(ThingSpaceProperties.class).missingCredentials()).hasSize(4);
				});
	}

	@Test
	void environmentVariablesBindByRelaxedBinding() {
		Map<String, Object> environment = Map.of(
				"THINGSPACE_BASE_URL", "http://127.0.0.1:8089",
				"THINGSPACE_CLIENT_ID", "id-from-env",
				"THINGSPACE_CLIENT_SECRET", "secret-from-env",
				"THINGSPACE_USERNAME", "user-from-env",
				"THINGSPACE_PASSWORD", "password-from-env",
				"THINGSPACE_RETRY_MAX_ATTEMPTS", "7",
				"THINGSPACE_READ_TIMEOUT", "45s");
		this.runner.withInitializer(context -> context.getEnvironment().getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
				.run(context -> {
					ThingSpaceProperties properties = context.getBean(ThingSpaceProperties.class);
					assertThat(properties.getBaseUrl()).isEqualTo("http://127.0.0.1:8089");
					assertThat(properties.getClientId()).isEqualTo("id-from-env");
					assertThat(properties.getClientSecret()).isEqualTo("secret-from-env");
					assertThat(properties.getUsername()).isEqualTo("user-from-env");
					assertThat(properties.getPassword()).isEqualTo("password-from-env");
					assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(7);
					assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(45));
					assertThat(properties.missingCredentials()).isEmpty();
					assertThat(context.getBean(ThingSpaceClient.class)).isNotNull();
				});
	}
}
