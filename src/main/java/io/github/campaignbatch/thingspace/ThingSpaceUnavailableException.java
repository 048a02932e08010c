package io.github.campaignbatch.thingspace;

import java.time.Duration;
import java.util.Optional;

/**
 * ThingSpace could not be reached or kept refusing work (connection refused, rate limited, repeated 5xx
 * on a read-only call) until the retries ran out. Nothing was created by the failed request, so it is
 * safe to send it again later.
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
