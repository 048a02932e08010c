package io.github.campaignbatch.thingspace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wait the server asked of the whole client. When one answer carries {@code Retry-After} (a 429, or a 408 or
 * 5xx that says when to come back), every thread holds its next request until then, not only the thread that
 * got the answer: the vendor counts our requests, not our threads, and the other threads would only collect
 * 429s of their own.
 * <p>
 * The pause is measured on the client's {@link Clock} and waited out through its {@link Sleeper}. Once one
 * thread has waited a pause out, the pause is over for everyone even if the clock has not moved (a test's
 * clock stands still; a wall clock may step back).
 */
final class ServerPause {

	private static final Logger log = LoggerFactory.getLogger(ServerPause.class);

	private final Clock clock;
	private final Sleeper sleeper;
	private final Duration longest;

	private Instant resumeAt = Instant.MIN;
	private boolean over = true;

	/**
	 * @param longest the longest pause honoured ({@code retry.max-backoff}): beyond it the calls fail as
	 * "try later" instead of holding every worker for minutes
	 */
	ServerPause(Clock clock, Sleeper sleeper, Duration longest) {
		this.clock = clock;
		this.sleeper = sleeper;
		this.longest = longest;
	}

	/** Holds every request until {@code wait} from now (at most the longest pause); a longer pause already set stays. */
	void pauseFor(String target, Duration wait) {
		Duration held = wait.compareTo(this.longest) > 0 ? this.longest : wait;
		Instant until = this.clock.instant().plus(held);
		synchronized (this) {
			if (!this.over && !until.isAfter(this.resumeAt)) {
				return;
			}
			this.resumeAt = until;
			this.over = false;
		}
		log.info("{}: ThingSpace asked to wait {} ms; every request waits until then", target, held.toMillis());
	}

	/** Whether a request may go now. */
	synchronized boolean isOver() {
		return this.over || !this.clock.instant().isBefore(this.resumeAt);
	}

	/** Blocks until no pause is in force. */
	void awaitOver() throws InterruptedException {
		while (true) {
			Instant until;
			synchronized (this) {
				if (this.over) {
					return;
				}
				until = this.resumeAt;
			}
			Duration wait = Duration.between(this.clock.instant(), until);
			if (!wait.isZero() && !wait.isNegative()) {
				this.sleeper.sleep(wait);
			}
			synchronized (this) {
				// a pause extended while this thread slept is waited for in the next round
				if (this.resumeAt.equals(until)) {
					this.over = true;
					return;
				}
			}
		}
	}
}
