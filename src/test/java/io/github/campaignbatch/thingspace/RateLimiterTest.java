package io.github.campaignbatch.thingspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

	@Test
	void permitsAreSpacedByTheIntervalWithoutBurstingAfterIdleTime() throws InterruptedException {
		AtomicLong now = new AtomicLong(1_000_000_000L);
		RecordingSleeper sleeper = new RecordingSleeper();
		RateLimiter limiter = new RateLimiter(4, now::get, sleeper);

		limiter.acquire();
		limiter.acquire();
		limiter.acquire();
		// nobody asked for a second: the next permit is due at once, but only one
		now.addAndGet(Duration.ofSeconds(10).toNanos());
		limiter.acquire();
		limiter.acquire();

		assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500),
				Duration.ofMillis(250));
	}

	@Test
	void permitsGrantedToManyThreadsStayNearTheConfiguredRate() throws Exception {
		double perSecond = 20;
		int threads = 6;
		int permitsPerThread = 7;
		RateLimiter limiter = new RateLimiter(perSecond);
		List<Long> grantedAt = Collections.synchronizedList(new ArrayList<>());
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		for (int t = 0; t < threads; t++) {
			pool.submit(() -> {
				start.await();
				for (int i = 0; i < permitsPerThread; i++) {
					limiter.acquire();
					grantedAt.add(System.nanoTime());
				}
				return null;
			});
		}
		long started = System.nanoTime();
		start.countDown();
		pool.shutdown();
		assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

		List<Long> sorted = new ArrayList<>(grantedAt);
		Collections.sort(sorted);
		assertThat(sorted).hasSize(threads * permitsPerThread);
		// 42 permits at 20/s: the last is due 2.05 s after the first
		double elapsedSeconds = (sorted.get(sorted.size() - 1) - started) / 1e9;
		assertThat(elapsedSeconds).isBetween(1.9, 6.0);
		// in no one-second window were there (many) more permits than the rate allows
		for (int i = 0; i < sorted.size(); i++) {
			long windowEnd = sorted.get(i) + TimeUnit.SECONDS.toNanos(1);
			long inWindow = sorted.stream().skip(i).takeWhile(t -> t < windowEnd).count();
			assertThat(inWindow).as("permits in the second after permit %d", i).isLessThanOrEqualTo(22);
		}
	}

	@Test
	void aRateMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(0));
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(Double.NaN));
	}
}
