package io.github.campaignbatch.thingspace;

import java.time.Duration;
import java.util.Optional;

/**
 * ThingSpace could not be reached or kept refusing work until the retries ran out: connections refused,
 * 429s, or timeouts and 5xx on a call that may be repeated anyway (reads, cancel, the token request).
 * Also thrown when the token or the session could not be obtained, before the actual request was sent.
 * Either way it is safe to send the request again later: a schedule call ends here only when the vendor
 * certainly did not process it.
 */
public class ThingSpaceUnavailableException extends ThingSpaceException {

	private final transient Duration retryAfter;

	public ThingSpaceUnavailableException(String message) {
		this(message, null, null);
	}

	public ThingSpaceUnavailableException(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** How long the vendor last asked us to wait (its {@code Retry-After}), if it said so. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}
}
