package io.github.campaignbatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket refilled at {@code ratePerSecond}, holding at most one second's worth, so a burst of that
 * size passes and anything faster is turned away. Time comes from the simulator's clock, so tests can drive it.
 */
final class TokenBucket {

	private final double capacity;
	private final double tokensPerNano;
	private final Clock clock;
	private double tokens;
	private Instant lastRefill;

	TokenBucket(int ratePerSecond, Clock clock) {
		if (ratePerSecond < 1) {
			throw new IllegalArgumentException("ratePerSecond must be positive");
		}
		this.capacity = ratePerSecond;
		this.tokensPerNano = ratePerSecond / 1e9;
		this.clock = clock;
		this.tokens = this.capacity;
		this.lastRefill = clock.instant();
	}

	/** Takes one token if there is one. */
	synchronized boolean tryAcquire() {
		Instant now = this.clock.instant();
		if (now.isAfter(this.lastRefill)) {
			long elapsedNanos = saturatedNanos(Duration.between(this.lastRefill, now));
			this.tokens = Math.min(this.capacity, this.tokens + elapsedNanos * this.tokensPerNano);
			this.lastRefill = now;
		}
		if (this.tokens >= 1.0) {
			this.tokens -= 1.0;
			return true;
		}
		return false;
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException overflow) {
			return Long.MAX_VALUE;
		}
	}
}
