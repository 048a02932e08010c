package io.github.campaignbatch.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.campaignbatch.simulator.SimulatorOptions;

/**
 * The application's settings that point it at a simulator with the simulator's demo credentials, written once for
 * every way a test configures the application: command-line properties ({@link CommandRunner#onSimulator}), a Spring
 * test's dynamic properties, a child JVM's environment ({@link ChildJvm#against}).
 */
public final class SimulatorCredentials {

	private SimulatorCredentials() {
	}

	/** {@code thingspace.*} properties: the base URL and the four credentials. */
	public static Map<String, String> properties(String baseUrl) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("thingspace.base-url", baseUrl);
		properties.put("thingspace.client-id", SimulatorOptions.DEFAULT_CLIENT_ID);
		properties.put("thingspace.client-secret", SimulatorOptions.DEFAULT_CLIENT_SECRET);
		properties.put("thingspace.username", SimulatorOptions.DEFAULT_USERNAME);
		properties.put("thingspace.password", SimulatorOptions.DEFAULT_PASSWORD);
		return properties;
	}

	/** The same settings as environment variables, as an operator's service has them. */
	public static Map<String, String> environment(String baseUrl) {
		Map<String, String> environment = new LinkedHashMap<>();
		properties(baseUrl).forEach((name, value) -> environment
			.put(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), value));
		return environment;
	}
}
