package io.github.campaignbatch.cli;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.CampaignBatchApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring application for the commands that need the job database.
 */
final class SpringContexts {

	private SpringContexts() {
	}

	/**
	 * @param verbose log at INFO, Spring and Batch included
	 * @param properties {@code name=value} pairs that override every other source (e.g. the simulator's URL)
	 */
	static ConfigurableApplicationContext start(boolean verbose, List<String> properties) {
		List<String> arguments = new ArrayList<>();
		for (String property : properties) {
			arguments.add("--" + property);
		}
		if (verbose) {
			arguments.add("--logging.level.root=INFO");
			arguments.add("--logging.level.org.springframework.batch=INFO");
			arguments.add("--logging.level.io.github.campaignbatch=DEBUG");
		}
		try {
			return new SpringApplicationBuilder(CampaignBatchApplication.class).run(arguments.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			SQLException inUse = Failures.find(ex, SQLException.class);
			if (inUse != null && inUse.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
				throw new DatabaseInUseException(ex);
			}
			throw new JobDatabaseException(Failures.describe(ex), ex);
		}
	}

	private static final int H2_DATABASE_ALREADY_OPEN = 90020;

	/** The application (usually its database) could not start. */
	static class JobDatabaseException extends RuntimeException {

		JobDatabaseException(String message, Throwable cause) {
			super("cannot start: " + message + " (check CAMPAIGN_BATCH_DB_URL and that the database is up)", cause);
		}
	}

	/** The embedded H2 database is open in another process: H2 serves one process at a time. */
	static class DatabaseInUseException extends RuntimeException {

		DatabaseInUseException(Throwable cause) {
			super("the job database is in use by another campaign-batch process (H2 allows one at a time): wait for it,"
					+ " or use PostgreSQL (CAMPAIGN_BATCH_DB_URL=jdbc:postgresql://...) to run several", cause);
		}
	}
}
