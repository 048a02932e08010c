package io.github.campaignbatch.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.cli.Main;

/**
 * Runs CLI commands in-process against a database of the test's own, and keeps what they printed.
 */
public final class CommandRunner {

	private final String databaseUrl;

	private final Path dataDirectory;

	private final Map<String, String> properties = new LinkedHashMap<>();

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

	public String databaseUrl() {
		return this.databaseUrl;
	}

	public Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		Map<String, String> all = new LinkedHashMap<>(this.properties);
		all.put("CAMPAIGN_BATCH_DB_URL", this.databaseUrl);
		all.put("CAMPAIGN_BATCH_DB_USER", TestDatabases.user());
		all.putIfAbsent("CAMPAIGN_BATCH_DATA_DIR", this.dataDirectory.toString());
		Map<String, String> previous = new LinkedHashMap<>();
		all.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
		try {
			int exitCode = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
			return new Result(exitCode, out.toString(), err.toString());
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
