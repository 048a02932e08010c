package io.github.campaignbatch.thingspace;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a while. The client waits through this hook before every retry so that tests can record the
 * waits instead of spending them.
 */
@FunctionalInterface
public interface Sleeper {

	/** How soon a sleep notices that the process is stopping. */
	long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/**
	 * Really sleeps the current thread. Once the process is stopping ({@link ProcessStop}) it ends the wait with
	 * {@link ThingSpaceUnavailableException}, the request that waited not sent; never by interrupting the thread,
	 * which goes on to record that in the ledger (an interrupt there would close H2's file under the process).
	 */
	Sleeper SYSTEM = duration -> {
		long end = System.nanoTime() + duration.toNanos();
		while (true) {
			long left = end - System.nanoTime();
			if (left <= 0) {
				return;
			}
			if (ProcessStop.requested()) {
				throw new ThingSpaceUnavailableException("not sent: the process is stopping", null, null);
			}
			TimeUnit.NANOSECONDS.sleep(Math.min(left, STOP_CHECK_NANOS));
		}
	};

	void sleep(Duration duration) throws InterruptedException;
}
