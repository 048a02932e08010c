package io.github.campaignbatch.simulator;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loses the answer to some schedule calls after the campaign was created: a 500 or a dropped connection, equally
 * likely. Unlike {@code --fail-rate} it touches nothing else (no history read), which makes "the answer was lost, the
 * campaign exists" the only fault: what the throughput bench measures. Tests may also lose a share of the requests
 * before anything is created (a 500: to the client just as ambiguous, but absent from the history for good). Off
 * (rates 0) unless set; a seeded {@link Random} keeps a run repeatable.
 */
final class LostCreateAnswers {

	private final Random random;

	private volatile double rate;

	private volatile double requestRate;

	private final AtomicLong lost = new AtomicLong();

	private final AtomicLong lostRequests = new AtomicLong();

	LostCreateAnswers(long seed) {
		this.random = new Random(seed);
	}

	void rate(double value) {
		if (!(value >= 0.0 && value <= 1.0)) {
			throw new IllegalArgumentException("the rate of lost create answers must be between 0.0 and 1.0, was " + value);
		}
		this.rate = value;
	}

	/** The share of schedule calls answered 500 before anything is created: lost, and absent from the history. */
	void requestRate(double value) {
		if (!(value >= 0.0 && value <= 1.0)) {
			throw new IllegalArgumentException("the rate of lost create requests must be between 0.0 and 1.0, was " + value);
		}
		this.requestRate = value;
	}

	long count() {
		return this.lost.get();
	}

	long requestCount() {
		return this.lostRequests.get();
	}

	/** The schedule endpoint, answering as it would, except that a share of its successes are lost. */
	Route.Endpoint around(Route.Endpoint schedule) {
		return request -> {
			if (this.requestRate > 0.0) {
				synchronized (this.random) {
					if (this.random.nextDouble() < this.requestRate) {
						this.lostRequests.incrementAndGet();
						return ApiResponse.internalError();
					}
				}
			}
			ApiResponse response = schedule.handle(request);
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
