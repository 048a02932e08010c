package io.github.campaignbatch.staging;

/**
 * The staging file cannot be made, found or read; the message says which file and what to do.
 */
public class StagingException extends RuntimeException {

	public StagingException(String message) {
		super(message);
	}

	public StagingException(String message, Throwable cause) {
		super(message, cause);
	}
}
