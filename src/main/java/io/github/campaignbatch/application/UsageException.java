package io.github.campaignbatch.application;

/**
 * A problem with what the operator asked for (options, files, configuration): printed as one line, exit 2.
 */
public class UsageException extends RuntimeException {

	public UsageException(String message) {
		super(message);
	}
}
