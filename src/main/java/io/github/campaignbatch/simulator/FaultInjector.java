package io.github.campaignbatch.simulator;

import java.util.Random;

/**
 * Decides, call by call, whether a FOTA call fails and how: with probability {@code failRate}, one of the
 * three failure kinds, equally likely. A seeded {@link Random} makes a sequence of calls repeatable.
 */
final class FaultInjector {

	private static final Fault[] KINDS = {
			Fault.ERROR_BEFORE_PROCESSING, Fault.ERROR_AFTER_PROCESSING, Fault.DROP_AFTER_PROCESSING };

	private final double failRate;
	private final Random random;

	FaultInjector(double failRate, long seed) {
		this.failRate = failRate;
		this.random = new Random(seed);
	}

	synchronized Fault next() {
		if (this.failRate <= 0.0 || this.random.nextDouble() >= this.failRate) {
			return Fault.NONE;
		}
		return KINDS[this.random.nextInt(KINDS.length)];
	}
}
