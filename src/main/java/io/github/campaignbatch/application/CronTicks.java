package io.github.campaignbatch.application;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.function.BooleanSupplier;

import org.springframework.scheduling.support.CronExpression;

/**
 * The {@code schedule} service's ticks: when the next one is (a Spring cron expression, in the clock's zone) and the
 * wait for it, on a clock and a sleeper given to it (a test passes a clock it moves and a sleeper that moves it), in
 * steps of at most a second so that a stop is seen within one.
 */
public final class CronTicks {

	/** The longest single sleep: how long a stop may go unseen. */
	static final Duration STEP = Duration.ofSeconds(1);

	/** Waits, as {@link Thread#sleep} does. */
	@FunctionalInterface
	public interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;
	}

	/** Sleeps this thread. */
	public static final Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

	private final CronExpression expression;

	private final Clock clock;

	private final Sleeper sleeper;

	public CronTicks(CronExpression expression, Clock clock, Sleeper sleeper) {
		this.expression = expression;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/** The next tick after now. */
	public ZonedDateTime next() {
		return this.expression.next(ZonedDateTime.now(this.clock));
	}

	/** Waits until {@code tick}; {@code false} if {@code stopping} said so meanwhile. */
	public boolean waitFor(ZonedDateTime tick, BooleanSupplier stopping) throws InterruptedException {
		while (!stopping.getAsBoolean()) {
			long millis = Duration.between(ZonedDateTime.now(this.clock), tick).toMillis();
			if (millis <= 0) {
				return true;
			}
			this.sleeper.sleep(Duration.ofMillis(Math.min(millis, STEP.toMillis())));
		}
		return false;
	}
}
