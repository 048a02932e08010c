package io.github.campaignbatch.simulator;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loses the answer to some calls of one endpoint after it did its work (a campaign created, a change applied): a 500
 * or a dropped connection, equally likely. Unlike {@code --fail-rate} it touches nothing else (no history read, no
 * failure before processing), which makes "the answer was lost, the work was done" the only fault: what the
 * throughput bench measures for schedule calls, and what a change's settling by reading is tested against. Tests
 * may also lose a share of the requests before anything is done (a 500: to the client just as ambiguous, but absent
 * from the history for good). Off (rates 0) unless set; a seeded {@link Random} keeps a run repeatable.
 */
final class LostAnswers {

	private final Random random;

	private volatile double rate;

	private volatile double requestRate;

	private final AtomicLong lost = new AtomicLong();

	private final AtomicLong lostRequests = new AtomicLong();

	LostAnswers(long seed) {
		this.random = new Random(seed);
	}

	void rate(double value) {
		if (!(value >= 0.0 && value <= 1.0)) {
			throw new IllegalArgumentException("the rate of lost answers must be between 0.0 and 1.0, was " + value);
		}
		this.rate = value;
	}

	/** The share of calls answered 500 before anything is done: lost, and (for a create) absent from the history. */
	void requestRate(double value) {
		if (!(value >= 0.0 && value <= 1.0)) {
			throw new IllegalArgumentException("the rate of lost requests must be between 0.0 and 1.0, was " + value);
		}
		this.requestRate = value;
	}

	long count() {
		return this.lost.get();
	}

	long requestCount() {
		return this.lostRequests.get();
	}

	/** The endpoint, answering as it would, except that a share of its successes are lost. */
	Route.Endpoint around(Route.Endpoint endpoint) {
		return request -> {
			if (this.requestRate > 0.0) {
				synchronized (this.random) {
					if (this.random.nextDouble() < this.requestRate) {
						this.lostRequests.incrementAndGet();
						return ApiResponse.internalError();
					}
				}
			}
			ApiResponse response = endpoint.handle(request);
			if (response.status() != 200 || this.rate <= 0.0) {
				return response;
			}
			boolean drop;
			synchronized (this.random) {
				if (this.random.nextDouble() >= this.rate) {
					return response;
				}
				drop = this.random.nextBoolean();
			}
			this.lost.incrementAndGet();
			if (drop) {
				throw new ConnectionDrop();
			}
			return ApiResponse.internalError();
		};
	}
}
