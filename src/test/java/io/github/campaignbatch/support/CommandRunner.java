package io.github.campaignbatch.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.campaignbatch.application.ApplicationFactory;
import io.github.campaignbatch.cli.Main;
import io.github.campaignbatch.cli.SharedApplication;
import io.github.campaignbatch.simulator.SimulatorServer;

/**
 * Runs CLI commands in-process against a database of the test's own, and keeps what they printed.
 */
public final class CommandRunner {

	private final String databaseUrl;

	private final Path dataDirectory;

	private final Map<String, String> properties = new LinkedHashMap<>();

	/** Starts the application of each command: as the command line does, or lent by {@link #shareOneApplication}. */
	private ApplicationFactory applications = ApplicationFactory.SPRING_BOOT;

	public CommandRunner(Path directory) {
		this(TestDatabases.freshUrl(directory), directory.resolve("data-dir"));
	}

	/** A runner on an existing database, e.g. one a child process used before it was killed. */
	public CommandRunner(String databaseUrl) {
		this(databaseUrl, temporaryDirectory());
	}

	/** A runner on an existing database and data directory (where {@code --simulate} keeps the simulator's state). */
	public CommandRunner(String databaseUrl, Path dataDirectory) {
		this.databaseUrl = databaseUrl;
		this.dataDirectory = dataDirectory;
	}

	private static Path temporaryDirectory() {
		try {
			return java.nio.file.Files.createTempDirectory("campaign-batch-data");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/** A Spring property for every command this runner runs (set as a system property while it runs). */
	public CommandRunner with(String name, String value) {
		this.properties.put(name, value);
		return this;
	}

	/** Points every command at the simulator, with its demo credentials. */
	public CommandRunner onSimulator(SimulatorServer simulator) {
		return onSimulatorAt(simulator.baseUrl().toString());
	}

	/** Points every command at {@code baseUrl} (the simulator behind a proxy), with the simulator's demo credentials. */
	public CommandRunner onSimulatorAt(String baseUrl) {
		SimulatorCredentials.properties(baseUrl).forEach(this::with);
		return this;
	}

	public String databaseUrl() {
		return this.databaseUrl;
	}

	public Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = whileSet(systemProperties(),
				() -> Main.execute(this.applications, new PrintWriter(out, true), new PrintWriter(err, true), args));
		return new Result(exitCode, out.toString(), err.toString());
	}

	/**
	 * Starts the application once for the commands this runner runs from now until it is closed (instead of one
	 * start per command): for a test that runs many commands on one database. A command that needs other settings
	 * ({@code --verbose}, {@code --simulate}) still starts its own; so does every command of another runner.
	 */
	public SharedApplication shareOneApplication() {
		Map<String, String> properties = systemProperties();
		SharedApplication shared = whileSet(properties, () -> SharedApplication.start(properties));
		this.applications = shared;
		return shared;
	}

	/** What this runner's commands find as system properties (Spring reads its settings from them). */
	private Map<String, String> systemProperties() {
		Map<String, String> all = new LinkedHashMap<>(this.properties);
		all.put("CAMPAIGN_BATCH_DB_URL", this.databaseUrl);
		all.put("CAMPAIGN_BATCH_DB_USER", TestDatabases.user());
		all.putIfAbsent("CAMPAIGN_BATCH_DATA_DIR", this.dataDirectory.toString());
		return all;
	}

	private static <T> T whileSet(Map<String, String> properties, Supplier<T> action) {
		Map<String, String> previous = new LinkedHashMap<>();
		properties.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
		try {
			return action.get();
		}
		finally {
			previous.forEach((name, value) -> {
				if (value == null) {
					System.clearProperty(name);
				}
				else {
					System.setProperty(name, value);
				}
			});
		}
	}

	/** What a command returned and printed. */
	public record Result(int exitCode, String out, String err) {

		public List<String> errLines() {
			List<String> lines = new ArrayList<>();
			for (String line : this.err.split("\\R")) {
				if (!line.isBlank()) {
					lines.add(line);
				}
			}
			return lines;
		}

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- out\n" + this.out + "\n--- err\n" + this.err;
		}
	}
}
