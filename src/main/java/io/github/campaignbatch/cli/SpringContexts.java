package io.github.campaignbatch.cli;

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
			throw new JobDatabaseException(Failures.describe(ex), ex);
		}
	}

	/** The application (usually its database) could not start. */
	static class JobDatabaseException extends RuntimeException {

		JobDatabaseException(String message, Throwable cause) {
			super("cannot start: " + message, cause);
		}
	}
}
