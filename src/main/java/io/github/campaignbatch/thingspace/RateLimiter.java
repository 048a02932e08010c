package io.github.campaignbatch.thingspace;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Hands out permits no closer together than {@code 1 / permitsPerSecond}, across all threads.
 * <p>
 * Each caller reserves the next free slot under a short lock and then waits for it outside the lock, so
 * waiting threads queue in slot order and never burst: an idle limiter grants the next permit at once,
 * a busy one spaces them evenly. No permits are saved up during idle periods, which keeps the vendor's
 * view of our traffic smooth even right after a pause.
 */
public final class RateLimiter {

	private final long intervalNanos;
	private final LongSupplier nanoTime;
	private final Sleeper sleeper;
	private long nextFreeSlot;
	private boolean started;

	public RateLimiter(double permitsPerSecond) {
		this(permitsPerSecond, System::nanoTime, Sleeper.SYSTEM);
	}

	/**
	 * @param nanoTime a monotonic clock in nanoseconds, like {@link System#nanoTime()}
	 * @param sleeper how to wait for a reserved slot
	 */
	public RateLimiter(double permitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
		if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
			throw new IllegalArgumentException("permitsPerSecond must be a positive number, was " + permitsPerSecond);
		}
		this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / permitsPerSecond));
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
	}

	/**
	 * Blocks until this caller's permit is due.
	 * @throws InterruptedException if interrupted while waiting; the reserved slot is then lost, which
	 * only makes the limiter slightly more conservative
	 */
	public void acquire() throws InterruptedException {
		long wait;
		synchronized (this) {
			long now = this.nanoTime.getAsLong();
			// nanoTime values may be negative or wrap: compare by difference, never by value
			long slot = (!this.started || this.nextFreeSlot - now < 0) ? now : this.nextFreeSlot;
			this.started = true;
			this.nextFreeSlot = slot + this.intervalNanos;
			wait = slot - now;
		}
		if (wait > 0) {
			this.sleeper.sleep(Duration.ofNanos(wait));
		}
	}

	/** The spacing between two permits. */
	public Duration interval() {
		return Duration.ofNanos(this.intervalNanos);
	}
}
