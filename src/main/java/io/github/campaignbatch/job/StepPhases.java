package io.github.campaignbatch.job;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a step made of a few long phases (grouping): a line as each phase ends, with the time it took, so
 * that no step is silent for longer than its longest phase.
 */
final class StepPhases {

	private static final Logger log = LoggerFactory.getLogger(StepPhases.class);

	private final String step;

	private final long started = System.nanoTime();

	private long phaseStarted = this.started;

	private String phase;

	StepPhases(String step) {
		this.step = step;
	}

	void start(String next) {
		long now = System.nanoTime();
		if (this.phase != null) {
			log.info("{}: {} ({})", this.step, this.phase, ProgressMeter.duration((now - this.phaseStarted) / 1e9));
		}
		this.phase = next;
		this.phaseStarted = now;
	}

	void done() {
		long now = System.nanoTime();
		if (this.phase != null) {
			log.info("{}: {} ({})", this.step, this.phase, ProgressMeter.duration((now - this.phaseStarted) / 1e9));
		}
		log.info(String.format(Locale.ROOT, "%s: done in %s", this.step, ProgressMeter.duration((now - this.started) / 1e9)));
	}
}
