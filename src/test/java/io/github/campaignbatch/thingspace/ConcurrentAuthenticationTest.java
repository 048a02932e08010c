package io.github.campaignbatch.thingspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.MutableClock;
import io.github.campaignbatch.support.SampleInputs;

/**
 * Issue 11 §3: with as many threads as the submit step runs ({@code max-in-flight}) sharing one client, an
 * expired or revoked token is replaced once, an expired session is renewed by one login, a refused login is
 * sent once, and a 429 pauses every thread. Each proof counts what the simulator served.
 * <p>
 * The threads meet at a barrier before the server's state changes and again after, so every thread holds
 * the old token or session when it calls; only the counts are asserted, never how long anything took.
 */
class ConcurrentAuthenticationTest {

	private static final int THREADS = 4;

	private static final String ACCOUNT = "0000123456-00001";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final MutableClock simulatorClock = new MutableClock(Instant.parse("2026-06-30T08:00:00Z"));

	private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

	private SimulatorServer simulator;

	@AfterEach
	void stop() {
		this.pool.shutdownNow();
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	@Test
	void aRevokedTokenIsReplacedByExactlyOneNewTokenSharedByAllThreads() throws Exception {
		ThingSpaceClient client = clientOf(start(SimulatorOptions.defaults()));

		inRounds(client, () -> this.simulator.revokeAccessTokens(), c -> c.availableFiles(ACCOUNT));

		assertThat(this.simulator.tokenCount()).as("token requests").isEqualTo(2);
		assertThat(this.simulator.loginCount()).as("logins").isEqualTo(1);
	}

	@Test
	void aTokenThatExpiresMidRunIsReplacedByExactlyOneNewToken() throws Exception {
		// the server's clock runs past the token's 120 s while the client still trusts it: a 401 tells it
		ThingSpaceClient client = clientOf(start(SimulatorOptions.defaults().withTokenTtlSeconds(120)));

		inRounds(client, () -> this.simulatorClock.advance(Duration.ofSeconds(121)), c -> c.availableFiles(ACCOUNT));

		assertThat(this.simulator.tokenCount()).as("token requests").isEqualTo(2);
		// 121 s idle is within the session's 20 minutes
		assertThat(this.simulator.loginCount()).as("logins").isEqualTo(1);
	}

	@Test
	void aSessionThatExpiresMidRunLeadsToExactlyOneLogin() throws Exception {
		ThingSpaceClient client = clientOf(start(SimulatorOptions.defaults().withSessionTtlSeconds(30)));

		inRounds(client, () -> this.simulatorClock.advance(Duration.ofSeconds(31)), c -> c.availableFiles(ACCOUNT));

		assertThat(this.simulator.loginCount()).as("logins").isEqualTo(2);
		assertThat(this.simulator.tokenCount()).as("token requests").isEqualTo(1);
	}

	@Test
	void tokenAndSessionLostTogetherCostOneTokenAndOneLogin() throws Exception {
		ThingSpaceClient client = clientOf(start(SimulatorOptions.defaults()));

		inRounds(client, () -> {
			this.simulator.revokeAccessTokens();
			this.simulator.expireSessions();
		}, c -> c.availableFiles(ACCOUNT));

		assertThat(this.simulator.tokenCount()).as("token requests").isEqualTo(2);
		assertThat(this.simulator.loginCount()).as("logins").isEqualTo(2);
	}

	@Test
	void aRevokedTokenDuringCreatesCreatesEachCampaignOnce() throws Exception {
		ThingSpaceClient client = clientOf(start(SimulatorOptions.defaults()));
		List<String> names = new ArrayList<>();

		inRounds(client, () -> this.simulator.revokeAccessTokens(), c -> {
			String name;
			int serial;
			synchronized (names) {
				serial = names.size();
				name = "auth-" + serial;
				names.add(name);
			}
			return c.scheduleFileUpgrade(ACCOUNT, request(name, serial));
		});

		assertThat(this.simulator.tokenCount()).as("token requests").isEqualTo(2);
		assertThat(this.simulator.createdCountByCampaignName()).containsOnlyKeys(names).allSatisfy(
				(name, count) -> assertThat(count).as(name).isOne());
	}

	@Test
	void refusedLoginCredentialsAreSentOnceWhateverTheNumberOfThreads() throws Exception {
		ThingSpacePropertiesBuilder properties = withSimulator(properties(), start(SimulatorOptions.defaults()));
		properties.password("not-the-password");
		ThingSpaceClient client = new ThingSpaceClient(properties.build());

		List<Throwable> failures = new ArrayList<>();
		for (Future<Object> outcome : this.pool.invokeAll(tasks(client, c -> c.availableFiles(ACCOUNT), 3 * THREADS))) {
			ExecutionException failed = assertThrows(ExecutionException.class,
					() -> outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
			failures.add(failed.getCause());
		}

		assertThat(this.simulator.loginCount()).as("logins").isEqualTo(1);
		assertThat(failures).allSatisfy(failure -> assertThat(failure)
				.isInstanceOf(AuthenticationFailedException.class)
				.hasMessageContaining("refused the M2M session login")
				.hasMessageNotContaining("not-the-password")
				.hasMessageNotContaining(SimulatorOptions.DEFAULT_PASSWORD)
				.hasMessageNotContaining(SimulatorOptions.DEFAULT_CLIENT_SECRET));
		assertThat(failures).extracting(Throwable::getMessage).as("one clear line").allSatisfy(
				message -> assertThat(message).doesNotContain("\n"));
		assertThat(failures).extracting(Throwable::getMessage).containsOnly(failures.get(0).getMessage());
	}

	@Test
	void refusedClientCredentialsAreSentOnceWhateverTheNumberOfThreads() throws Exception {
		ThingSpacePropertiesBuilder properties = withSimulator(properties(), start(SimulatorOptions.defaults()));
		properties.clientSecret("not-the-secret");
		ThingSpaceClient client = new ThingSpaceClient(properties.build());

		for (Future<Object> outcome : this.pool.invokeAll(tasks(client, c -> c.availableFiles(ACCOUNT), 3 * THREADS))) {
			ExecutionException failed = assertThrows(ExecutionException.class,
					() -> outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
			assertThat(failed.getCause()).isInstanceOf(AuthenticationFailedException.class)
					.hasMessageNotContaining("not-the-secret");
		}

		assertThat(this.simulator.tokenCount()).as("token requests").isEqualTo(1);
		assertThat(this.simulator.loginCount()).as("logins").isZero();
	}

	/**
	 * The simulator admits 2 FOTA calls a second and answers 429 with {@code Retry-After: 1} beyond; the client
	 * would send 200. A 429 is decided at the server before the client reads it and pauses, so after each 429
	 * only requests already past the client's gate can arrive within the next second: at most one per other
	 * in-flight slot. A client that paused only the thread that got the 429 keeps the other threads sending.
	 */
	@Test
	void a429WithRetryAfterPausesEveryThreadNotOnlyTheOneThatGotIt() throws Exception {
		ThingSpacePropertiesBuilder properties = properties();
		properties.maxAttempts(20);
		ThingSpaceClient client = new ThingSpaceClient(
				withSimulator(properties, startOnSystemClock(SimulatorOptions.defaults().withRateLimitPerSecond(2))).build());

		for (Future<Object> outcome : this.pool.invokeAll(tasks(client, c -> c.availableFiles(ACCOUNT), 12))) {
			outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}

		List<Long> tooManyAt = this.simulator.tooManyRequestsSentAt();
		List<Long> arrivals = this.simulator.fotaRequestArrivals();
		assertThat(tooManyAt).as("429s sent: the test needs the rate limit to bite").isNotEmpty();
		long pause = SimulatorServer.RETRY_AFTER.toNanos();
		for (long sentAt : tooManyAt) {
			long arrivedDuringPause = arrivals.stream().filter(at -> at > sentAt && at - sentAt < pause).count();
			assertThat(arrivedDuringPause).as("requests arriving in the second after a 429")
					.isLessThanOrEqualTo(THREADS - 1);
		}
	}

	/** A simulator on the test's clock, which moves only when the test says so. */
	private SimulatorServer start(SimulatorOptions options) {
		this.simulator = SimulatorServer.start(options.withClock(this.simulatorClock));
		return this.simulator;
	}

	/** A simulator whose rate limit refills in real time. */
	private SimulatorServer startOnSystemClock(SimulatorOptions options) {
		this.simulator = SimulatorServer.start(options.withClock(Clock.systemUTC()));
		return this.simulator;
	}

	private ThingSpaceClient clientOf(SimulatorServer server) {
		return new ThingSpaceClient(withSimulator(properties(), server).build());
	}

	private static ThingSpacePropertiesBuilder properties() {
		ThingSpacePropertiesBuilder properties = new ThingSpacePropertiesBuilder();
		properties.clientId(SimulatorOptions.DEFAULT_CLIENT_ID);
		properties.clientSecret(SimulatorOptions.DEFAULT_CLIENT_SECRET);
		properties.username(SimulatorOptions.DEFAULT_USERNAME);
		properties.password(SimulatorOptions.DEFAULT_PASSWORD);
		properties.maxInFlight(THREADS);
		properties.maxRequestsPerSecond(200);
		return properties;
	}

	private ThingSpacePropertiesBuilder withSimulator(ThingSpacePropertiesBuilder properties, SimulatorServer server) {
		properties.baseUrl(server.baseUrl().toString());
		return properties;
	}

	/**
	 * Every thread calls once with the credentials all share, then all wait while {@code change} happens at
	 * the server, then every thread calls again with the credentials it still holds.
	 */
	private void inRounds(ThingSpaceClient client, Runnable change, ClientCall call) throws Exception {
		CyclicBarrier beforeChange = new CyclicBarrier(THREADS, change);
		List<Callable<Object>> tasks = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			tasks.add(() -> {
				call.on(client);
				beforeChange.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
				return call.on(client);
			});
		}
		for (Future<Object> outcome : this.pool.invokeAll(tasks)) {
			outcome.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
		}
	}

	private static List<Callable<Object>> tasks(ThingSpaceClient client, ClientCall call, int count) {
		List<Callable<Object>> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tasks.add(() -> call.on(client));
		}
		return tasks;
	}

	private static ScheduleFileUpgradeRequest request(String name, int serial) {
		return new ScheduleFileUpgradeRequest(name, "tracker-fw-2.4.1.bin", "2.4.1", "HTTP", LocalDate.of(2026, 7, 1),
				LocalDate.of(2026, 7, 15), null, null, null, null, List.of(SampleInputs.imei(700_000 + serial)));
	}

	@FunctionalInterface
	private interface ClientCall {

		Object on(ThingSpaceClient client) throws Exception;
	}
}
