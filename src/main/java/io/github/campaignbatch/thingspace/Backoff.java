package io.github.campaignbatch.thingspace;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before retry {@code n} (1-based) the ceiling is
 * {@code initial * 2^(n-1)}, capped at {@code max}, and the wait is drawn uniformly from the upper half
 * of it. Keeping half the ceiling guarantees real spacing; randomizing the other half keeps the threads
 * of a busy run from retrying in lockstep.
 */
final class Backoff {

	private final Duration initial;
	private final Duration max;
	private final DoubleSupplier random;

	Backoff(Duration initial, Duration max) {
		this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
	}

	Backoff(Duration initial, Duration max, DoubleSupplier random) {
		this.initial = initial;
		this.max = max;
		this.random = random;
	}

	Duration beforeRetry(int retryNumber) {
		long ceiling = ceilingMillis(retryNumber);
		long half = ceiling / 2;
		return Duration.ofMillis(ceiling - half + Math.round(half * this.random.getAsDouble()));
	}

	private long ceilingMillis(int retryNumber) {
		long maxMillis = this.max.toMillis();
		long delay = this.initial.toMillis();
		for (int i = 1; i < retryNumber && delay < maxMillis; i++) {
			delay = delay * 2;
		}
		return Math.min(delay, maxMillis);
	}
}
