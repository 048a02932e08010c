package io.github.campaignbatch.thingspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;

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

	/** Spring binds the record through its constructor: what no property sets takes the record's own default. */
	@Test
	void unsetPropertiesTakeTheDefaultsAndASetOneKeepsTheOtherRetryDefaults() {
		this.runner.run(context -> assertThat(context.getBean(ThingSpaceProperties.class))
				.isEqualTo(new ThingSpacePropertiesBuilder().build()));
		this.runner.withPropertyValues("thingspace.retry.max-backoff=2s", "thingspace.max-in-flight=0")
				.run(context -> assertThat(context.getBean(ThingSpaceProperties.class))
						.isEqualTo(new ThingSpacePropertiesBuilder().maxBackoff(Duration.ofSeconds(2)).maxInFlight(0)
								.build()));
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
					assertThat(properties.baseUrl()).isEqualTo("http://127.0.0.1:8089");
					assertThat(properties.clientId()).isEqualTo("id-from-env");
					assertThat(properties.clientSecret()).isEqualTo("secret-from-env");
					assertThat(properties.username()).isEqualTo("user-from-env");
					assertThat(properties.password()).isEqualTo("password-from-env");
					assertThat(properties.retry().maxAttempts()).isEqualTo(7);
					assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(45));
					assertThat(properties.missingCredentials()).isEmpty();
				});
	}

	@Test
	void theClientBeanTalksToTheConfiguredApiWithTheConfiguredCredentials() {
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults()
				.withClientCredentials("id-from-config", "secret-from-config")
				.withUserCredentials("user-from-config", "password-from-config"))) {
			this.runner.withPropertyValues(clientProperties(simulator, "id-from-config", "secret-from-config",
					"user-from-config", "password-from-config"))
					.run(context -> {
						ThingSpaceClient client = context.getBean(ThingSpaceClient.class);
						assertThat(client.availableFiles("0000123456-00001"))
								.extracting(AvailableFile::fileName).isNotEmpty();
						assertThat(simulator.tokenCount()).isOne();
						assertThat(simulator.loginCount()).isOne();
					});
		}
	}

	/**
	 * Issue 12: a {@code schedule} service starts an application context per busy tick. Each context's client
	 * used to build its own JDK HTTP client, whose selector thread and sockets outlived the tick until the
	 * garbage collector came by. The JDK numbers its clients in their selector threads' names
	 * ({@code HttpClient-<n>-SelectorManager}): across the ticks, at most one new number may appear.
	 */
	@Test
	void contextsStartedTickAfterTickShareOneHttpClient() {
		Set<String> before = selectorThreads();
		Set<String> seen = new HashSet<>();
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults())) {
			for (int tick = 0; tick < 4; tick++) {
				this.runner.withPropertyValues(clientProperties(simulator))
						.run(context -> {
							context.getBean(ThingSpaceClient.class).availableFiles("0000123456-00001");
							// snapshot while this tick's client is certainly alive
							seen.addAll(selectorThreads());
						});
			}
		}
		seen.removeAll(before);
		assertThat(seen).as("HTTP client selector threads started by four ticks").hasSizeLessThanOrEqualTo(1);
	}

	private static String[] clientProperties(SimulatorServer simulator) {
		return clientProperties(simulator, SimulatorOptions.DEFAULT_CLIENT_ID, SimulatorOptions.DEFAULT_CLIENT_SECRET,
				SimulatorOptions.DEFAULT_USERNAME, SimulatorOptions.DEFAULT_PASSWORD);
	}

	private static String[] clientProperties(SimulatorServer simulator, String clientId, String clientSecret,
			String username, String password) {
		return new String[] { "thingspace.base-url=" + simulator.baseUrl(), "thingspace.client-id=" + clientId,
				"thingspace.client-secret=" + clientSecret, "thingspace.username=" + username,
				"thingspace.password=" + password };
	}

	private static Set<String> selectorThreads() {
		Set<String> names = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().matches("HttpClient-\\d+-SelectorManager")) {
				names.add(thread.getName());
			}
		}
		return names;
	}
}
