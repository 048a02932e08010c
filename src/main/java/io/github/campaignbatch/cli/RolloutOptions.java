package io.github.campaignbatch.cli;

import java.math.BigDecimal;

import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.campaign.RolloutPolicy;
import picocli.CommandLine.Option;

/**
 * A rollout in waves: the options {@code validate}, {@code run} and {@code schedule} share (a picocli mixin of
 * {@link RunOptions}). None given: every device of a campaign at once, as without this feature.
 */
class RolloutOptions {

	@Option(names = "--pilot", paramLabel = "N",
			description = "Roll each campaign out in waves, the first (the pilot) of N devices; ThingSpace limits a new"
					+ " file to 20 devices until a pilot succeeded. See 'track' for the later waves.")
	Integer pilot;

	@Option(names = "--waves", paramLabel = "P1,P2,...",
			description = "Cumulative percentages of each campaign's devices released by the waves after the pilot,"
					+ " the last 100 (e.g. 10,50,100). With --pilot alone: the pilot, then everyone.")
	String waves;

	@Option(names = "--gate-success", paramLabel = "R",
			description = "Release a wave only when the devices of the waves before it that reached a final status"
					+ " succeeded at a share of at least R (default 0.9); below it the rollout halts.")
	BigDecimal gateSuccess;

	/** Whether any rollout option was given. */
	boolean given() {
		return this.pilot != null || this.waves != null || this.gateSuccess != null;
	}

	/** The policy the options give ({@link RolloutPolicy#NONE} for none); a usage error naming the option. */
	RolloutPolicy policy() {
		try {
			return RolloutPolicy.of(this.pilot, this.waves == null ? null : RolloutPolicy.parsePercents(this.waves),
					this.gateSuccess);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
	}
}
