package io.github.campaignbatch.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running ThingSpace API simulator: the OAuth token, M2M session and FOTA v2 calls the job uses, on the
 * JDK's HTTP server, listening on 127.0.0.1 only. Start one with {@link #start}, point the client at
 * {@link #baseUrl()}, and inspect what it received through the snapshot methods, which are safe to call
 * from any thread while requests are served.
 *
 * <pre>{@code
 * try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withFailRate(0.2))) {
 *     runJobAgainst(simulator.baseUrl());
 *     assertThat(simulator.createdCountByCampaignName()).allSatisfy((name, count) -> assertThat(count).isOne());
 * }
 * }</pre>
 */
public final class SimulatorServer implements AutoCloseable {

	/** Enough for the job's concurrency plus a test's own probes; bounded so a flood queues instead of spawning. */
	static final int WORKER_THREADS = 16;

	private static final int BACKLOG = 128;

	static {
		// The JDK server writes headers and body as two segments; with Nagle on, each answer then waits for the
		// client's delayed ACK (~40 ms). The server reads this property once, when its first instance is made.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer http;
	private final ExecutorService workers;
	private final CampaignStore store;
	private final StatusProgression progression;
	private final SimulatorCounters counters;
	private final IssuedAccessTokens accessTokens;
	private final Sessions sessions;
	private final FileCatalogue catalogue;
	private final URI baseUrl;
	private final AtomicBoolean closed = new AtomicBoolean();
	private LostAnswers lostCreateAnswers;

	private LostAnswers lostChangeAnswers;
	private DeviceResults deviceResults;

	private PilotLimit pilotLimit;

	private SimulatorServer(HttpServer http, ExecutorService workers, CampaignStore store, StatusProgression progression,
			SimulatorCounters counters, FileCatalogue catalogue, IssuedAccessTokens accessTokens, Sessions sessions) {
		this.http = http;
		this.catalogue = catalogue;
		this.accessTokens = accessTokens;
		this.sessions = sessions;
		this.workers = workers;
		this.store = store;
		this.progression = progression;
		this.counters = counters;
		this.baseUrl = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
	}

	/**
	 * Loads the state file if there is one, binds 127.0.0.1 and starts serving.
	 *
	 * @throws UncheckedIOException when the port cannot be bound (cause: {@link java.net.BindException}) or the
	 *         state file cannot be read
	 */
	public static SimulatorServer start(SimulatorOptions options) {
		StatusProgression progression = new StatusProgression(options.clock(), options.statusAdvanceAfter(),
				options.lifecycle().campaignDuration());
		FileCatalogue catalogue = new FileCatalogue(options.availableFiles());
		StateFile stateFile = options.stateFile() == null ? null : new StateFile(options.stateFile());
		CampaignStore store = new CampaignStore(progression, stateFile);
		SimulatorCounters counters = new SimulatorCounters();

		IssuedAccessTokens accessTokens = new IssuedAccessTokens(options.clock(),
				Duration.ofSeconds(options.tokenTtlSeconds()));
		Sessions sessions = new Sessions(options.clock(), Duration.ofSeconds(options.sessionTtlSeconds()));
		Authenticator authenticator = new Authenticator(accessTokens, sessions);
		TokenBucket rateLimit = options.rateLimitPerSecond() > 0
				? new TokenBucket(options.rateLimitPerSecond(), options.clock())
				: null;
		FotaGate gate = new FotaGate(rateLimit, authenticator, new FaultInjector(options.failRate(), options.seed()),
				counters);

		LostAnswers lostCreateAnswers = new LostAnswers(options.seed());
		LostAnswers lostChangeAnswers = new LostAnswers(options.seed());
		DeviceResults deviceResults = new DeviceResults(options.seed(), options.lifecycle());
		PilotLimit pilotLimit = new PilotLimit(store, progression, deviceResults);
		List<Route> routes = routes(
				new AuthEndpoints(options, accessTokens, sessions, authenticator, counters),
				new CampaignEndpoints(store, progression, catalogue, pilotLimit),
				new ReportEndpoints(store, progression, options.historyPageSize(), deviceResults),
				new FileEndpoints(catalogue),
				store, counters, lostCreateAnswers, lostChangeAnswers);

		HttpServer http;
		try {
			http = HttpServer.create(new InetSocketAddress(loopback(), options.port()), BACKLOG);
		}
		catch (IOException bindFailure) {
			throw new UncheckedIOException(
					"Cannot listen on 127.0.0.1:" + options.port() + ": " + bindFailure.getMessage(), bindFailure);
		}
		ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, workerThreads());
		http.createContext("/", new RequestDispatcher(routes, gate, options.latencyMs()));
		http.setExecutor(workers);
		http.start();
		SimulatorServer server = new SimulatorServer(http, workers, store, progression, counters, catalogue, accessTokens,
				sessions);
		server.lostCreateAnswers = lostCreateAnswers;
		server.lostChangeAnswers = lostChangeAnswers;
		server.deviceResults = deviceResults;
		server.pilotLimit = pilotLimit;
		return server;
	}

	/** The API surface, in matching order: the literal {@code files} segment must win over an account name. */
	private static List<Route> routes(AuthEndpoints auth, CampaignEndpoints campaigns, ReportEndpoints reports,
			FileEndpoints files, CampaignStore store, SimulatorCounters counters, LostAnswers lostCreateAnswers,
			LostAnswers lostChangeAnswers) {
		Runnable countChange = counters.changeRequests::incrementAndGet;
		return List.of(
				Route.auth("POST", "/api/ts/v1/oauth2/token", auth::token),
				Route.auth("POST", "/api/m2m/v1/session/login", auth::login),
				Route.auth("POST", "/api/m2m/v1/session/logout", auth::logout),
				Route.fota("POST", "/api/fota/v2/campaigns/files/{acc}", lostCreateAnswers.around(campaigns::schedule))
						.onReceived(store::countScheduleRequest),
				Route.fota("GET", "/api/fota/v2/campaigns/{acc}/{campaignId}", campaigns::get),
				Route.fota("PUT", "/api/fota/v2/campaigns/{acc}/{campaignId}", lostChangeAnswers.around(campaigns::changeDevices))
						.onReceived(countChange),
				Route.fota("PUT", "/api/fota/v2/campaigns/{acc}/{campaignId}/dates",
						lostChangeAnswers.around(campaigns::changeDates)).onReceived(countChange),
				Route.fota("DELETE", "/api/fota/v2/campaigns/{acc}/{campaignId}", campaigns::cancel),
				Route.fota("GET", "/api/fota/v2/reports/{acc}/campaigns", reports::history),
				Route.fota("GET", "/api/fota/v2/reports/{acc}/campaigns/{campaignId}/devices", reports::devices),
				Route.fota("GET", "/api/fota/v2/files/{acc}", files::list));
	}

	/** The port actually bound (useful when the options asked for 0). */
	public int port() {
		return this.http.getAddress().getPort();
	}

	/** {@code http://127.0.0.1:PORT}, without a trailing slash; API paths hang off it. */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Uploads files for every account: they are listed by the available-files call and may be named by a
	 * campaign from now on. A file already there (same name, version and distribution type) is not listed twice.
	 */
	public void makeAvailable(Collection<UploadedFile> files) {
		this.catalogue.add(files);
	}

	/** Every campaign created, in creation order, each with its status as of now. */
	public List<SimulatedCampaign> campaigns() {
		return this.store.all().stream().map(this.progression::resolve).toList();
	}

	/**
	 * POSTs received at the schedule endpoint, whatever became of them (rate-limited, unauthenticated,
	 * rejected, failed on purpose or accepted). Kept in the state file, so it spans restarts.
	 */
	/**
	 * How far the campaign history and GET lag behind creation: a campaign shows in them only this long after it
	 * was created (the vendor's history is an eventually consistent report). Zero, the default, shows it at once.
	 * Creation itself is not delayed: the "device already in an active campaign" check sees it immediately.
	 */
	public SimulatorServer historyLag(Duration lag) {
		this.store.historyLag(lag);
		return this;
	}

	/**
	 * The share (0.0-1.0) of schedule calls whose answer is lost after the campaign was created: a 500 or a dropped
	 * connection. Zero, the default, loses none; unlike the fail rate it affects no other call.
	 */
	public SimulatorServer loseCreateAnswers(double rate) {
		this.lostCreateAnswers.rate(rate);
		return this;
	}

	/**
	 * The share (0.0-1.0) of schedule calls answered 500 before anything is created: to the client as ambiguous as a
	 * lost answer, but the campaign never shows in the history. Applied before {@link #loseCreateAnswers}.
	 */
	public SimulatorServer loseCreateRequests(double rate) {
		this.lostCreateAnswers.requestRate(rate);
		return this;
	}

	/** Schedule calls answered 500 on purpose before anything was created. */
	public long lostCreateRequestCount() {
		return this.lostCreateAnswers.requestCount();
	}

	/**
	 * Whether ThingSpace's pilot limit is enforced: a campaign of a file holds at most 20 devices until a campaign of
	 * that file had at least 5 devices succeed at 50% or more; above it, HTTP 400 {@code PILOT_LIMIT_EXCEEDED}. Off by
	 * default; on in the demo.
	 */
	public SimulatorServer pilotLimit(boolean enforced) {
		this.pilotLimit.enforce(enforced);
		return this;
	}

	/** From now on, the devices of this file's campaigns fail at its rate ({@code --bad-file NAME:VERSION:RATE}). */
	public SimulatorServer badFile(BadFile file) {
		this.deviceResults.addBadFile(file);
		return this;
	}

	/** Schedule calls whose campaign was created and whose answer was then lost on purpose. */
	public long lostCreateAnswerCount() {
		return this.lostCreateAnswers.count();
	}

	/**
	 * The share (0.0-1.0) of the calls that change a campaign (PUT dates, PUT devices) whose answer is lost after the
	 * change was applied: a 500 or a dropped connection. Zero, the default, loses none.
	 */
	public SimulatorServer loseChangeAnswers(double rate) {
		this.lostChangeAnswers.rate(rate);
		return this;
	}

	/** Calls received at the two endpoints that change a campaign, whatever became of them. */
	public long changeRequestCount() {
		return this.counters.changeRequests.get();
	}

	public long scheduleRequestCount() {
		return this.store.scheduleRequestCount();
	}

	/** Campaigns created per campaign name ({@code ""} for unnamed ones); a count above 1 is a duplicate. */
	public Map<String, Long> createdCountByCampaignName() {
		return Map.copyOf(this.store.createdCountByCampaignName());
	}

	/** 429 answers sent since start. */
	public long tooManyRequestsCount() {
		return this.counters.tooManyRequests.get();
	}

	/** Requests received at the session login endpoint since start, failed ones included. */
	public long loginCount() {
		return this.counters.loginRequests.get();
	}

	/** Requests received at the OAuth token endpoint since start, failed ones included. */
	public long tokenCount() {
		return this.counters.tokenRequests.get();
	}

	/**
	 * FOTA requests that reached the rate limiter, as {@link System#nanoTime()} readings in arrival order: tests
	 * compare them with {@link #tooManyRequestsSentAt()} to prove that a client paused after a 429.
	 */
	public List<Long> fotaRequestArrivals() {
		return List.copyOf(this.counters.fotaArrivals);
	}

	/** When each 429 was sent, as {@link System#nanoTime()} readings; each asked for {@link #RETRY_AFTER}. */
	public List<Long> tooManyRequestsSentAt() {
		return List.copyOf(this.counters.tooManyRequestsSent);
	}

	/** The wait every 429 of the simulator asks for in its {@code Retry-After} header. */
	public static final Duration RETRY_AFTER = FotaGate.RETRY_AFTER;

	/**
	 * Revokes every access token issued so far: the next FOTA call or login carrying one is answered 401, as
	 * after the vendor revoked the client's tokens. New tokens are issued as before.
	 */
	public void revokeAccessTokens() {
		this.accessTokens.revokeAll();
	}

	/** Ends every open session as if each had been idle too long: the next call with one hears "expired". */
	public void expireSessions() {
		this.sessions.expireAll();
	}

	/** Stops listening at once; requests in flight are cut off. Idempotent. */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.http.stop(0);
		this.workers.shutdownNow();
		try {
			this.workers.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static InetAddress loopback() {
		try {
			// Explicitly IPv4 127.0.0.1: getLoopbackAddress() may answer ::1, which clients told "127.0.0.1" miss.
			return InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
		}
		catch (UnknownHostException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	private static ThreadFactory workerThreads() {
		AtomicInteger number = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, "thingspace-simulator-" + number.incrementAndGet());
			// Daemon, so a test that forgets close() cannot keep its JVM alive.
			thread.setDaemon(true);
			return thread;
		};
	}
}
