package io.github.campaignbatch.simulator;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts tests read to prove how a client behaved (re-logins, token requests, back-off on 429).
 */
final class SimulatorCounters {

	/** Every request that reached the token endpoint, accepted or not. */
	final AtomicLong tokenRequests = new AtomicLong();

	/** Every request that reached the login endpoint, accepted or not. */
	final AtomicLong loginRequests = new AtomicLong();

	/** Every request that reached one of the two endpoints that change a campaign (PUT dates, PUT devices). */
	final AtomicLong changeRequests = new AtomicLong();

	/** Every 429 sent. */
	final AtomicLong tooManyRequests = new AtomicLong();

	/** {@link System#nanoTime()} at the arrival of each FOTA request, before the rate limit. */
	final Queue<Long> fotaArrivals = new ConcurrentLinkedQueue<>();

	/** {@link System#nanoTime()} when each 429 was decided. */
	final Queue<Long> tooManyRequestsSent = new ConcurrentLinkedQueue<>();
}
