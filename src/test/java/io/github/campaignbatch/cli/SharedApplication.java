package io.github.campaignbatch.cli;

import java.util.List;
import java.util.Map;

/**
 * One started application that the commands run with given system properties use instead of starting their own
 * ({@link Backend#share}); closing it stops the sharing and closes the application.
 */
public final class SharedApplication implements AutoCloseable {

	private final SpringContexts.Started started;

	private SharedApplication(SpringContexts.Started started) {
		this.started = started;
	}

	/**
	 * Starts the application as a command would, and shares it with the commands run while these system properties
	 * are set (the caller has set them; see {@code CommandRunner#shareOneApplication}).
	 */
	public static SharedApplication start(Map<String, String> systemProperties) {
		SpringContexts.Started started = SpringContexts.start(false, List.of());
		Backend.share(started.context(), systemProperties);
		return new SharedApplication(started);
	}

	@Override
	public void close() {
		Backend.share(null, Map.of());
		this.started.close();
	}
}
