package io.github.campaignbatch.simulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts tests read to prove how a client behaved (re-logins, token requests, back-off on 429).
 */
final class SimulatorCounters {

	/** Every request that reached the token endpoint, accepted or not. */
	final AtomicLong tokenRequests = new AtomicLong();

	/** Every request that reached the login endpoint, accepted or not. */
	final AtomicLong loginRequests = new AtomicLong();

	/** Every 429 sent. */
	final AtomicLong tooManyRequests = new AtomicLong();
}
