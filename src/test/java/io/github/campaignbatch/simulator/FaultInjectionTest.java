package io.github.campaignbatch.simulator;

import io.github.campaignbatch.support.MutableClock;

import static io.github.campaignbatch.simulator.SimulatorClient.campaign;
import static io.github.campaignbatch.simulator.SimulatorClient.imei;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.campaignbatch.simulator.SimulatorClient.Reply;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

	private static final String TODAY = "2030-06-15";
	private static final String NEXT_WEEK = "2030-06-22";

	private final MutableClock clock = new MutableClock(Instant.parse(TODAY + "T10:00:00Z"));

	private SimulatorOptions options() {
		return SimulatorOptions.defaults().withClock(this.clock);
	}

	@Test
	void answers429WithRetryAfterBeyondTheRateLimit() {
		try (SimulatorServer simulator = SimulatorServer.start(options().withRateLimitPerSecond(3))) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl()).authenticated();

			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				statuses.add(client.files("").status());
			}
			Reply limited = client.files("");

			assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
			assertThat(limited.status()).isEqualTo(429);
			assertThat(limited.header("Retry-After")).isEqualTo("1");
			assertThat(limited.errorCode()).isEqualTo("RateLimitExceeded");
			assertThat(simulator.tooManyRequestsCount()).isEqualTo(3);
		}
	}

	@Test
	void theBucketRefillsAtTheConfiguredRate() {
		try (SimulatorServer simulator = SimulatorServer.start(options().withRateLimitPerSecond(2))) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl()).authenticated();
			client.files("");
			client.files("");
			assertThat(client.files("").status()).isEqualTo(429);

			this.clock.advance(Duration.ofMillis(500));

			assertThat(client.files("").status()).isEqualTo(200);
			assertThat(client.files("").status()).isEqualTo(429);
		}
	}

	@Test
	void aRateLimitedSchedulePostIsCountedButCreatesNothing() {
		try (SimulatorServer simulator = SimulatorServer.start(options().withRateLimitPerSecond(1))) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl()).authenticated();

			client.schedule(campaign("a", TODAY, NEXT_WEEK, imei(1)));
			Reply second = client.schedule(campaign("b", TODAY, NEXT_WEEK, imei(2)));

			assertThat(second.status()).isEqualTo(429);
			assertThat(simulator.scheduleRequestCount()).isEqualTo(2);
			assertThat(simulator.createdCountByCampaignName()).containsOnlyKeys("a");
		}
	}

	@Test
	void authenticationIsNeverRateLimited() {
		try (SimulatorServer simulator = SimulatorServer.start(options().withRateLimitPerSecond(1))) {
			for (int i = 0; i < 5; i++) {
				new SimulatorClient(simulator.baseUrl()).authenticated();
			}

			assertThat(simulator.tokenCount()).isEqualTo(5);
			assertThat(simulator.tooManyRequestsCount()).isZero();
		}
	}

	/** What the client saw for one schedule POST, and whether the campaign exists afterwards. */
	private record Outcome(String kind, boolean created) {
	}

	@Test
	void failRateProducesAllThreeFailureKindsAndOnlyTheFirstCreatesNothing() {
		try (SimulatorServer simulator = SimulatorServer.start(options().withFailRate(1.0).withSeed(7))) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl()).authenticated();

			List<Outcome> outcomes = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				String name = "campaign-" + i;
				String kind;
				try {
					Reply reply = client.scheduleOrThrow(campaign(name, TODAY, NEXT_WEEK, imei(i)));
					kind = String.valueOf(reply.status());
					assertThat(reply.errorCode()).isEqualTo("INTERNAL_SYSTEM_ERROR");
				}
				catch (IOException dropped) {
					kind = "dropped";
				}
				outcomes.add(new Outcome(kind, simulator.createdCountByCampaignName().containsKey(name)));
			}

			assertThat(outcomes).extracting(Outcome::kind).containsOnly("500", "dropped");
			Set<Outcome> distinct = Set.copyOf(outcomes);
			assertThat(distinct).containsExactlyInAnyOrder(
					new Outcome("500", false),   // 500 before processing
					new Outcome("500", true),    // 500 after processing: the campaign exists all the same
					new Outcome("dropped", true));
			assertThat(simulator.scheduleRequestCount()).isEqualTo(30);
		}
	}

	@Test
	void theSameSeedRepeatsTheSameFailures() {
		assertThat(failureSequence(11)).isEqualTo(failureSequence(11));
		assertThat(failureSequence(11)).isNotEqualTo(failureSequence(12));
	}

	private List<Boolean> failureSequence(long seed) {
		try (SimulatorServer simulator = SimulatorServer.start(options().withFailRate(0.5).withSeed(seed))) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl()).authenticated();
			List<Boolean> failed = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				try {
					failed.add(client.scheduleOrThrow(campaign("c" + i, TODAY, NEXT_WEEK, imei(i))).status() != 200);
				}
				catch (IOException dropped) {
					failed.add(true);
				}
			}
			return failed;
		}
	}

	@Test
	void tokenAndLoginNeverFailOnPurpose() {
		try (SimulatorServer simulator = SimulatorServer.start(options().withFailRate(1.0))) {
			for (int i = 0; i < 10; i++) {
				SimulatorClient client = new SimulatorClient(simulator.baseUrl()).authenticated();
				assertThat(client.sessionToken()).isNotBlank();
			}
		}
	}

	@Test
	void noFailureAtRateZero() {
		try (SimulatorServer simulator = SimulatorServer.start(options())) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl()).authenticated();

			Set<Integer> statuses = java.util.stream.IntStream.range(0, 20)
					.mapToObj(i -> client.files("").status())
					.collect(Collectors.toSet());

			assertThat(statuses).containsExactly(200);
		}
	}

	@Test
	void latencyDelaysEveryRequest() {
		try (SimulatorServer simulator = SimulatorServer.start(options().withLatencyMs(150))) {
			SimulatorClient client = new SimulatorClient(simulator.baseUrl());

			long started = System.nanoTime();
			client.token("demo-client", "demo-secret", "client_credentials");

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		}
	}
}
