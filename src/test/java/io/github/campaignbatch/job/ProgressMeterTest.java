package io.github.campaignbatch.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress lines with a clock the test moves.
 */
class ProgressMeterTest {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final List<String> lines = new ArrayList<>();

	private ProgressMeter meter(long total) {
		return new ProgressMeter("load", "rows read", total, Duration.ofSeconds(5), this.nanos::get, this.lines::add);
	}

	private void elapse(double seconds) {
		this.nanos.addAndGet((long) (seconds * 1e9));
	}

	@Test
	void logsAtMostOncePerIntervalWithRateAndEta() {
		ProgressMeter meter = meter(10_000);

		for (int second = 1; second <= 12; second++) {
			elapse(1);
			meter.advance(500);
		}

		assertThat(this.lines).containsExactly("load: 2,500 rows read, 500/s, 25% of ~10,000, ETA 15s",
				"load: 5,000 rows read, 500/s, 50% of ~10,000, ETA 10s");
	}

	@Test
	void withoutATotalThereIsNoEta() {
		ProgressMeter meter = meter(ProgressMeter.UNKNOWN);

		elapse(6);
		meter.advance(1_200);

		assertThat(this.lines).containsExactly("load: 1,200 rows read, 200/s");
	}

	@Test
	void anEstimateTooLowNeverShowsMoreThan99PercentNorANegativeEta() {
		ProgressMeter meter = meter(100);

		elapse(5);
		meter.advance(150);

		assertThat(this.lines).containsExactly("load: 150 rows read, 30/s, 99% of ~100");
	}

	@Test
	void theSummarySaysHowManyInHowLongAndHowFast() {
		ProgressMeter meter = meter(ProgressMeter.UNKNOWN);
		meter.advance(90_000);
		elapse(125);

		assertThat(meter.summary()).isEqualTo("load: 90,000 rows read in 2m05s (720/s)");
		assertThat(this.lines).isEmpty();
	}

	@Test
	void aZeroIntervalLogsNoProgressLines() {
		ProgressMeter meter = new ProgressMeter("submit", "campaigns taken", 10, Duration.ZERO, this.nanos::get,
				this.lines::add);

		elapse(60);
		meter.advance(5);

		assertThat(this.lines).isEmpty();
		assertThat(meter.count()).isEqualTo(5);
	}

	@Test
	void durationsReadNaturally() {
		assertThat(ProgressMeter.duration(3.25)).isEqualTo("3.3s");
		assertThat(ProgressMeter.duration(42)).isEqualTo("42s");
		assertThat(ProgressMeter.duration(3_725)).isEqualTo("1h02m05s");
	}
}
