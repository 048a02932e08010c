package io.github.campaignbatch.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.cli.Main;

/**
 * Runs CLI commands in-process against a database of the test's own, and keeps what they printed.
 */
public final class CommandRunner {

	private final String databaseUrl;

	public CommandRunner(Path directory) {
		this.databaseUrl = TestDatabases.freshUrl(directory);
	}

	public String databaseUrl() {
		return this.databaseUrl;
	}

	public Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		String previous = System.getProperty("CAMPAIGN_BATCH_DB_URL");
		System.setProperty("CAMPAIGN_BATCH_DB_URL", this.databaseUrl);
		System.setProperty("CAMPAIGN_BATCH_DB_USER", TestDatabases.user());
		try {
			int exitCode = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
			return new Result(exitCode, out.toString(), err.toString());
		}
		finally {
			if (previous == null) {
				System.clearProperty("CAMPAIGN_BATCH_DB_URL");
			}
			else {
				System.setProperty("CAMPAIGN_BATCH_DB_URL", previous);
			}
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
