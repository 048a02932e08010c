package io.github.campaignbatch.thingspace;

/**
 * A request that creates or changes something may or may not have been carried out: it was (at least partly) sent
 * and then the answer was lost (read timeout, connection reset), was a 5xx or 408, or was a success the
 * client could not read. The client never repeats such a request; the caller must look at the vendor's
 * state (campaign history; for a change, the campaign and its device report) before deciding to send it again.
 */
public class SubmissionOutcomeUnknownException extends ThingSpaceException {

	public SubmissionOutcomeUnknownException(String message) {
		super(message);
	}

	public SubmissionOutcomeUnknownException(String message, Throwable cause) {
		super(message, cause);
	}
}
