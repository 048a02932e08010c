package io.github.campaignbatch.thingspace;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a while. The client waits through this hook before every retry so that tests can record the
 * waits instead of spending them.
 */
@FunctionalInterface
public interface Sleeper {

	/** Really sleeps the current thread. */
	Sleeper SYSTEM = duration -> {
		if (!duration.isNegative() && !duration.isZero()) {
			TimeUnit.NANOSECONDS.sleep(duration.toNanos());
		}
	};

	void sleep(Duration duration) throws InterruptedException;
}
