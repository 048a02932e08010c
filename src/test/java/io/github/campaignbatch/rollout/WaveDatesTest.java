package io.github.campaignbatch.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.github.campaignbatch.submission.CampaignState;
import io.github.campaignbatch.support.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The dates of a wave released later, on the clock of the process that releases it (UTC): it starts on the day of its
 * release, never before its row's start date, keeps its end date, and is not sent once that end date has passed.
 */
class WaveDatesTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-14T23:59:59Z"));

	private final WaveRow wave = new WaveRow(7, "k", 2, 3, "fw-wave-2-of-3", "ACC", 30, CampaignState.HELD,
			LocalDate.parse("2030-01-15"), LocalDate.parse("2030-01-20"), null, null, null, null, 21);

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	@Test
	void aWaveReleasedBeforeItsStartDateKeepsItThenStartsOnTheDayOfItsRelease() {
		assertThat(this.wave.startDateIfReleasedOn(today())).isEqualTo("2030-01-15");

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.wave.startDateIfReleasedOn(today())).isEqualTo("2030-01-15");

		this.clock.advance(Duration.ofDays(3));
		assertThat(this.wave.startDateIfReleasedOn(today())).isEqualTo("2030-01-18");
	}

	@Test
	void aWaveExpiresTheDayAfterItsEndDateNotOnIt() {
		this.clock.advance(Duration.ofDays(5).plusSeconds(1));
		assertThat(today()).isEqualTo("2030-01-20");
		assertThat(this.wave.expiredOn(today())).isFalse();
		assertThat(this.wave.startDateIfReleasedOn(today())).isEqualTo("2030-01-20");

		this.clock.advance(Duration.ofDays(1));
		assertThat(this.wave.expiredOn(today())).isTrue();
	}

	@Test
	void aWaveKnowsItsCampaignsName() {
		assertThat(this.wave.campaignName()).isEqualTo("fw");
		assertThat(new WaveRow(8, "k", 2, 3, "fw-wave-2-of-3-part-1-of-2", "ACC", 15, CampaignState.HELD,
				LocalDate.parse("2030-01-15"), LocalDate.parse("2030-01-20"), null, null, null, null, 21).campaignName())
			.isEqualTo("fw");
	}
}
