package io.github.campaignbatch.inbox;

/**
 * One of the inbox's own folders ({@code processing/}, {@code done/}, {@code failed/}) is a link or belongs to another
 * user: the job refuses to move or write anything through it. The message says which and what to do.
 */
public class UnsafeFolderException extends RuntimeException {

	public UnsafeFolderException(String message, Throwable cause) {
		super(message, cause);
	}
}
