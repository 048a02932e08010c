package io.github.campaignbatch.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.ApplicationFactory;

/**
 * An application factory for tests that run dozens of commands on one database (the bad-input corpus): it starts the
 * application once and lends it to every command that would start it with this process's configuration alone, and
 * leaves it open; a command that needs other settings ({@code --verbose}, {@code --simulate}) starts its own. A
 * Spring start per command is most of such a test's time, and what it asserts (exit code, stdout, stderr, report)
 * comes from the command line and the job, not from the start. Closing it closes the application.
 */
public final class SharedApplication implements ApplicationFactory, AutoCloseable {

	private final Application application;

	/** The system properties it was started with: a command run while others are set starts its own. */
	private final Map<String, String> systemProperties;

	private volatile boolean closed;

	private SharedApplication(Application application, Map<String, String> systemProperties) {
		this.application = application;
		this.systemProperties = systemProperties;
	}

	/**
	 * Starts the application as a command would, to lend it to the commands run while these system properties are set
	 * (the caller has set them; see {@code CommandRunner#shareOneApplication}).
	 */
	public static SharedApplication start(Map<String, String> systemProperties) {
		return new SharedApplication(SPRING_BOOT.start(false), Map.copyOf(systemProperties));
	}

	@Override
	public Application start(boolean verbose, List<String> settings) {
		if (fits(verbose, settings)) {
			return this.application.borrowed();
		}
		return SPRING_BOOT.start(verbose, settings);
	}

	@Override
	public Application startSimulated(boolean verbose, List<String> settings, boolean lagging,
			Consumer<String> announce) {
		return SPRING_BOOT.startSimulated(verbose, settings, lagging, announce);
	}

	private boolean fits(boolean verbose, List<String> settings) {
		return !this.closed && !verbose && settings.isEmpty() && this.systemProperties.entrySet()
			.stream()
			.allMatch(property -> property.getValue().equals(System.getProperty(property.getKey())));
	}

	@Override
	public void close() {
		this.closed = true;
		this.application.close();
	}
}
