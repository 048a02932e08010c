package io.github.campaignbatch.thingspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.github.campaignbatch.campaign.TimeWindow;

/** Retry-After parsing, the backoff curve, and the job's time windows at the client's edge. */
class SmallPartsTest {

	private final Clock clock = Clock.fixed(Instant.parse("2026-06-30T08:00:00Z"), ZoneOffset.UTC);

	@Test
	void retryAfterReadsSecondsAndHttpDates() {
		assertThat(RetryAfter.parse("120", this.clock)).isEqualTo(Duration.ofSeconds(120));
		assertThat(RetryAfter.parse(" 0 ", this.clock)).isEqualTo(Duration.ZERO);
		assertThat(RetryAfter.parse("Tue, 30 Jun 2026 08:00:45 GMT", this.clock)).isEqualTo(Duration.ofSeconds(45));
		assertThat(RetryAfter.parse("Tue, 30 Jun 2026 07:00:00 GMT", this.clock)).isEqualTo(Duration.ZERO);
	}

	@Test
	void anAbsentOrUnreadableRetryAfterLeavesTheChoiceToTheBackoff() {
		assertThat(RetryAfter.parse(null, this.clock)).isNull();
		assertThat(RetryAfter.parse("soon", this.clock)).isNull();
		assertThat(RetryAfter.parse("-5", this.clock)).isNull();
		assertThat(RetryAfter.parse("99999999999999999999999", this.clock)).isNull();
	}

	@Test
	void backoffDoublesUpToTheCapAndJittersWithinTheUpperHalf() {
		Backoff lowest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
		Backoff highest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 1.0);

		assertThat(lowest.beforeRetry(1)).isEqualTo(Duration.ofMillis(250));
		assertThat(highest.beforeRetry(1)).isEqualTo(Duration.ofMillis(500));
		assertThat(highest.beforeRetry(2)).isEqualTo(Duration.ofMillis(1000));
		assertThat(highest.beforeRetry(4)).isEqualTo(Duration.ofMillis(4000));
		assertThat(highest.beforeRetry(7)).isEqualTo(Duration.ofSeconds(30));
		assertThat(highest.beforeRetry(100)).isEqualTo(Duration.ofSeconds(30));
		assertThat(lowest.beforeRetry(100)).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void theJobsTimeWindowsTravelUnderTheVendorsNames() {
		String json = new String(ThingSpaceJson.write(new TimeWindow(22, 24)), StandardCharsets.UTF_8);

		assertThat(json).isEqualTo("{\"startTime\":22,\"endTime\":24}");
	}

	@Test
	void aVendorWindowMissingAnHourOrOutOfRangeReadsAsNoWindowWithoutFailingTheCampaign() {
		Campaign campaign = ThingSpaceJson.read("""
				{"id":"c-1","downloadTimeWindowList":[{"startTime":1},{"startTime":5,"endTime":5},
				 {"startTime":"x","endTime":3},{"startTime":22,"endTime":24}]}
				""".getBytes(StandardCharsets.UTF_8), Campaign.class);

		assertThat(campaign.downloadTimeWindowList()).containsExactly(null, null, null, new TimeWindow(22, 24));
	}
}
