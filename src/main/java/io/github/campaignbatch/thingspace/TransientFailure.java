package io.github.campaignbatch.thingspace;

import java.time.Clock;
import java.time.Duration;

/**
 * An attempt that failed in a way that may pass if tried again: no answer (connection refused, timeout,
 * reset), a 429, a 408 or a 5xx. Internal to the client: it only travels from an attempt to the retry
 * loop, which turns it into a public outcome once it stops retrying.
 * <p>
 * {@link #certainlyNotProcessed()} is what decides whether a non-idempotent request may be sent again:
 * true only when the server cannot have acted on it (nothing was sent, or it answered 429).
 */
final class TransientFailure extends RuntimeException {

	private final boolean certainlyNotProcessed;
	private final transient Duration retryAfter;

	TransientFailure(String description, boolean certainlyNotProcessed, Duration retryAfter, Throwable cause) {
		super(description, cause, false, false);
		this.certainlyNotProcessed = certainlyNotProcessed;
		this.retryAfter = retryAfter;
	}

	/**
	 * The transient failure an HTTP status means, or {@code null} for a status that is not transient. A
	 * 429 is the only answer that proves the request was not processed; a 408 or 5xx may come after the
	 * work was done.
	 */
	static TransientFailure forStatus(String target, HttpAnswer answer, Clock clock) {
		int status = answer.status();
		if (status != 429 && status != 408 && status < 500) {
			return null;
		}
		String excerpt = answer.bodyExcerpt();
		return new TransientFailure(target + " answered HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt),
				status == 429, RetryAfter.parse(answer.retryAfter(), clock), null);
	}

	boolean certainlyNotProcessed() {
		return this.certainlyNotProcessed;
	}

	/** The server's {@code Retry-After}, or {@code null} when it did not say. */
	Duration retryAfter() {
		return this.retryAfter;
	}
}
