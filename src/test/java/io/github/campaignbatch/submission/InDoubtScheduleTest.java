package io.github.campaignbatch.submission;

import java.time.Duration;
import java.time.Instant;

import io.github.campaignbatch.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the history of the campaigns in doubt is read, on a clock that only moves when the test says so. */
class InDoubtScheduleTest {

	private static final Instant T0 = Instant.parse("2030-07-01T10:00:00Z");

	private static final Duration HORIZON = Duration.ofMinutes(10);

	private final MutableClock clock = new MutableClock(T0);

	@Test
	void whileCampaignsAreSentAFewDueBeforeTheirHorizonAreReadOnlyAMinuteAfterTheirReReadWasDue() {
		InDoubtSchedule schedule = new InDoubtSchedule(this.clock, Duration.ZERO);
		schedule.add(1, T0.plus(HORIZON));

		// Its re-read is due at once, its horizon ten minutes away: a read now could only find it, as the end-of-step
		// read will, and would take requests from the campaigns still being sent.
		assertThat(schedule.readDue()).isFalse();
		assertThat(schedule.untilNextRead()).isEqualTo(SubmissionSettings.MAX_REREAD_INTERVAL);
		this.clock.advance(SubmissionSettings.MAX_REREAD_INTERVAL.minusMillis(1));
		assertThat(schedule.readDue()).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(schedule.readDue()).isTrue();
	}

	@Test
	void whileCampaignsAreSentABatchOfDueCampaignsIsReadAtOnce() {
		InDoubtSchedule schedule = new InDoubtSchedule(this.clock, Duration.ZERO);
		for (long id = 1; id < InDoubtSchedule.EARLY_READ_BATCH; id++) {
			schedule.add(id, T0.plus(HORIZON));
		}
		assertThat(schedule.readDue()).isFalse();

		schedule.add(InDoubtSchedule.EARLY_READ_BATCH, T0.plus(HORIZON));

		assertThat(schedule.readDue()).isTrue();
	}

	@Test
	void whileCampaignsAreSentAReadIsDueTheMomentADueCampaignsHorizonPasses() {
		InDoubtSchedule schedule = new InDoubtSchedule(this.clock, Duration.ZERO);
		schedule.add(1, T0.plusSeconds(20));

		assertThat(schedule.untilNextRead()).isEqualTo(Duration.ofSeconds(20));
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(schedule.readDue()).isTrue();
	}

	@Test
	void theFirstReReadIsTheReconcileDelayAfterTheLostAnswer() {
		InDoubtSchedule schedule = new InDoubtSchedule(this.clock, Duration.ofSeconds(5));
		schedule.add(1, T0.plus(HORIZON));
		schedule.draining();
		Instant started = schedule.readStarted();
		schedule.readEnded(started);
		schedule.undecided(1, started, T0.plus(HORIZON));

		// The drain's first read came before the re-read was due: its schedule is kept.
		assertThat(schedule.nextRead(1)).isEqualTo(T0.plusSeconds(5));
		assertThat(schedule.readDue()).isFalse();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(schedule.readDue()).isTrue();
	}

	@Test
	void reReadsBackOffByDoublingFromHalfASecondUpToAMinute() {
		InDoubtSchedule schedule = new InDoubtSchedule(this.clock, Duration.ZERO);
		schedule.add(1, T0.plus(Duration.ofHours(1)));
		schedule.draining();
		Duration expected = InDoubtSchedule.MIN_REREAD_INTERVAL;
		for (int read = 0; read < 10; read++) {
			assertThat(schedule.readDue()).isTrue();
			Instant started = schedule.readStarted();
			schedule.readEnded(started);
			schedule.undecided(1, started, T0.plus(Duration.ofHours(1)));

			assertThat(Duration.between(this.clock.instant(), schedule.nextRead(1))).as("after read %d", read + 1)
				.isEqualTo(expected);
			assertThat(schedule.readDue()).isFalse();
			this.clock.advance(expected);
			expected = expected.multipliedBy(2).compareTo(SubmissionSettings.MAX_REREAD_INTERVAL) > 0
					? SubmissionSettings.MAX_REREAD_INTERVAL : expected.multipliedBy(2);
		}
		assertThat(expected).isEqualTo(SubmissionSettings.MAX_REREAD_INTERVAL);
	}

	@Test
	void theReReadAfterAReadBeforeTheHorizonComesTheMomentTheHorizonPasses() {
		InDoubtSchedule schedule = new InDoubtSchedule(this.clock, Duration.ZERO);
		schedule.add(1, T0.plusMillis(700));
		schedule.draining();
		Instant started = schedule.readStarted();
		schedule.readEnded(started);
		schedule.undecided(1, started, T0.plusMillis(700));

		// The back-off would say 500 ms: the horizon passes before that.
		assertThat(schedule.nextRead(1)).isEqualTo(T0.plusMillis(500));
		this.clock.advance(Duration.ofMillis(500));
		started = schedule.readStarted();
		schedule.readEnded(started);
		schedule.undecided(1, started, T0.plusMillis(700));

		// The next back-off (1 s) would come 800 ms after the horizon: the first read that may prove "not created" is at it.
		assertThat(schedule.nextRead(1)).isEqualTo(T0.plusMillis(700));
	}

	@Test
	void whileCampaignsAreSentNoReadStartsSoonerAfterThePreviousThanNineTimesItsDuration() {
		InDoubtSchedule schedule = new InDoubtSchedule(this.clock, Duration.ZERO);
		schedule.add(1, T0.plusSeconds(5));
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(schedule.readDue()).isTrue();
		Instant started = schedule.readStarted();
		this.clock.advance(Duration.ofSeconds(2));
		schedule.readEnded(started);
		// The history still lags: the campaign stays, past its horizon and with its re-read due.
		schedule.undecided(1, started, T0.plusSeconds(5));
		this.clock.advance(schedule.nextRead(1).isAfter(this.clock.instant())
				? Duration.between(this.clock.instant(), schedule.nextRead(1)) : Duration.ZERO);

		Instant spaced = T0.plusSeconds(7).plus(Duration.ofSeconds(2).multipliedBy(InDoubtSchedule.READ_SPACING));
		assertThat(schedule.readDue()).isFalse();
		assertThat(this.clock.instant().plus(schedule.untilNextRead())).isEqualTo(spaced);
		this.clock.advance(Duration.between(this.clock.instant(), spaced));
		assertThat(schedule.readDue()).isTrue();
	}

	@Test
	void onceDrainingAReadIsDueAtOnceAndThenAsSoonAsAnyReReadIs() {
		InDoubtSchedule schedule = new InDoubtSchedule(this.clock, Duration.ofSeconds(30));
		schedule.add(1, T0.plus(HORIZON));
		assertThat(schedule.readDue()).isFalse();

		schedule.draining();
		assertThat(schedule.readDue()).isTrue();
		Instant started = schedule.readStarted();
		this.clock.advance(Duration.ofSeconds(2));
		schedule.readEnded(started);
		schedule.undecided(1, started, T0.plus(HORIZON));

		// No spacing and no batching once nothing else is sent: the re-read is due at the reconcile delay.
		this.clock.advance(Duration.ofSeconds(27));
		assertThat(schedule.readDue()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(schedule.readDue()).isTrue();
	}

	@Test
	void waitingHelpsUntilEachCampaignHadAReadBegunAtOrAfterItsHorizon() {
		InDoubtSchedule schedule = new InDoubtSchedule(this.clock, Duration.ZERO);
		schedule.add(1, T0.plusSeconds(10));
		schedule.add(2, T0.plusSeconds(20));
		schedule.draining();
		Instant drainBegan = this.clock.instant();
		assertThat(schedule.waitingCannotHelp(true, drainBegan)).isFalse();
		assertThat(schedule.untilLatestHorizon()).isEqualTo(Duration.ofSeconds(20));

		this.clock.advance(Duration.ofSeconds(10));
		readUndecided(schedule, T0.plusSeconds(10), T0.plusSeconds(20));
		// A service waits for one read after its drain began; a run, for a read after the last horizon.
		assertThat(schedule.waitingCannotHelp(false, drainBegan)).isTrue();
		assertThat(schedule.waitingCannotHelp(true, drainBegan)).isFalse();

		this.clock.advance(Duration.ofSeconds(10));
		readUndecided(schedule, T0.plusSeconds(10), T0.plusSeconds(20));
		assertThat(schedule.waitingCannotHelp(true, drainBegan)).isTrue();
		assertThat(schedule.untilLatestHorizon()).isZero();
	}

	@Test
	void aCampaignAlreadyInDoubtKeepsItsSchedule() {
		InDoubtSchedule schedule = new InDoubtSchedule(this.clock, Duration.ofSeconds(5));
		assertThat(schedule.add(1, T0.plus(HORIZON))).isTrue();
		this.clock.advance(Duration.ofSeconds(3));

		assertThat(schedule.add(1, T0.plus(HORIZON))).isFalse();
		assertThat(schedule.nextRead(1)).isEqualTo(T0.plusSeconds(5));
		assertThat(schedule.size()).isEqualTo(1);
	}

	private static void readUndecided(InDoubtSchedule schedule, Instant settleAfter1, Instant settleAfter2) {
		Instant started = schedule.readStarted();
		schedule.readEnded(started);
		schedule.undecided(1, started, settleAfter1);
		schedule.undecided(2, started, settleAfter2);
	}
}
