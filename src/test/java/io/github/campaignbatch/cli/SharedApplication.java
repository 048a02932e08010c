package io.github.campaignbatch.cli;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One started application that the commands run with given system properties use instead of starting their own
 * ({@link Backend#share}); closing it stops the sharing and closes the application.
 */
public final class SharedApplication implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SharedApplication(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts the application as a command would, and shares it with the commands run while these system properties
	 * are set (the caller has set them; see {@code CommandRunner#shareOneApplication}).
	 */
	public static SharedApplication start(Map<String, String> systemProperties) {
		ConfigurableApplicationContext context = SpringContexts.start(false, List.of());
		Backend.share(context, systemProperties);
		return new SharedApplication(context);
	}

	@Override
	public void close() {
		Backend.share(null, Map.of());
		this.context.close();
	}
}
