package io.github.campaignbatch.application;

/** The application (usually its database) could not start. */
public class JobDatabaseException extends RuntimeException {

	JobDatabaseException(String message, Throwable cause) {
		super("cannot start: " + message + " (check CAMPAIGN_BATCH_DB_URL and that the database is up)", cause);
	}
}
