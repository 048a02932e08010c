package io.github.campaignbatch.application;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.support.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.support.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule service's wait for its next tick, on a clock the test moves: no real sleep.
 */
class CronTicksTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T01:59:57.500Z"));

	private final List<Duration> slept = new ArrayList<>();

	private final CronTicks nightly = new CronTicks(CronExpression.parse("0 0 2 * * *"), this.clock, duration -> {
		this.slept.add(duration);
		this.clock.advance(duration);
	});

	@Test
	void theNextTickIsTheCronExpressionsNextTimeAfterNow() {
		assertThat(this.nightly.next()).isEqualTo(ZonedDateTime.parse("2026-03-01T02:00:00Z"));
	}

	@Test
	void waitsForTheTickInStepsOfAtMostASecond() throws InterruptedException {
		assertThat(this.nightly.waitFor(this.nightly.next(), () -> false)).isTrue();

		assertThat(this.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
	}

	@Test
	void aStopEndsTheWaitWithinAStep() throws InterruptedException {
		ZonedDateTime tick = this.nightly.next();

		assertThat(this.nightly.waitFor(tick, () -> this.slept.size() == 2)).isFalse();
		assertThat(this.slept).hasSize(2);
	}

	@Test
	void aTickThatHasPassedNeedsNoWait() throws InterruptedException {
		assertThat(this.nightly.waitFor(ZonedDateTime.parse("2026-03-01T01:00:00Z"), () -> false)).isTrue();
		assertThat(this.slept).isEmpty();
	}
}
