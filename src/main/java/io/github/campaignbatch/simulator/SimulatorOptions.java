package io.github.campaignbatch.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link SimulatorServer} behaves. Start from {@link #defaults()} and change what matters with the
 * {@code withX} methods; every instance is validated on construction.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param latencyMs delay added to every request before it is handled
 * @param failRate probability (0.0–1.0) that a FOTA request fails on purpose; token and login calls never do
 * @param rateLimitPerSecond FOTA requests admitted per second by a global token bucket (burst: one second's
 *        worth); 0 means unlimited
 * @param sessionTtlSeconds how long an M2M session survives without being used
 * @param tokenTtlSeconds how long an OAuth2 access token is valid from issue (its {@code expires_in})
 * @param stateFile where campaigns are kept across restarts; {@code null} keeps them in memory only
 * @param clientId OAuth client id the token endpoint accepts
 * @param clientSecret OAuth client secret the token endpoint accepts
 * @param username M2M session user the login endpoint accepts
 * @param password M2M session password the login endpoint accepts
 * @param statusAdvanceAfter how long a new campaign stays {@code CampaignRequestPending} before it reads
 *        {@code CampaignScheduled}
 * @param historyPageSize campaigns per page of the campaign history, small enough to exercise paging
 * @param seed seed of the random source that picks injected failures, so a run can be repeated
 * @param clock the simulator's notion of now: today's date (UTC) for the past-start-date check, token and
 *        session expiry, status progression and the rate limiter
 * @param availableFiles files every account has uploaded ({@link SimulatorServer#makeAvailable} adds more)
 * @param lifecycle how campaigns run to their end and what becomes of their devices
 */
public record SimulatorOptions(
		int port,
		long latencyMs,
		double failRate,
		int rateLimitPerSecond,
		long sessionTtlSeconds,
		long tokenTtlSeconds,
		Path stateFile,
		String clientId,
		String clientSecret,
		String username,
		String password,
		Duration statusAdvanceAfter,
		int historyPageSize,
		long seed,
		Clock clock,
		List<UploadedFile> availableFiles,
		Lifecycle lifecycle) {

	/** The port the {@code simulator} command listens on unless told otherwise. */
	public static final int DEFAULT_PORT = 8089;
	public static final String DEFAULT_CLIENT_ID = "demo-client";
	public static final String DEFAULT_CLIENT_SECRET = "demo-secret";
	public static final String DEFAULT_USERNAME = "demo-user";
	public static final String DEFAULT_PASSWORD = "demo-password";
	/** The vendor's documented idle lifetime of a session: 20 minutes. */
	public static final long DEFAULT_SESSION_TTL_SECONDS = 1200;
	/** The vendor's documented lifetime of an access token: one hour. */
	public static final long DEFAULT_TOKEN_TTL_SECONDS = 3600;
	public static final Duration DEFAULT_STATUS_ADVANCE_AFTER = Duration.ofSeconds(2);
	public static final int DEFAULT_HISTORY_PAGE_SIZE = 50;
	public static final long DEFAULT_SEED = 42L;

	public SimulatorOptions {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be 0-65535, was " + port);
		}
		if (latencyMs < 0) {
			throw new IllegalArgumentException("latencyMs must not be negative, was " + latencyMs);
		}
		if (!(failRate >= 0.0 && failRate <= 1.0)) {
			throw new IllegalArgumentException("failRate must be between 0.0 and 1.0, was " + failRate);
		}
		if (rateLimitPerSecond < 0) {
			throw new IllegalArgumentException("rateLimitPerSecond must not be negative, was " + rateLimitPerSecond);
		}
		if (sessionTtlSeconds <= 0) {
			throw new IllegalArgumentException("sessionTtlSeconds must be positive, was " + sessionTtlSeconds);
		}
		if (tokenTtlSeconds <= 0) {
			throw new IllegalArgumentException("tokenTtlSeconds must be positive, was " + tokenTtlSeconds);
		}
		requireText(clientId, "clientId");
		requireText(clientSecret, "clientSecret");
		requireText(username, "username");
		requireText(password, "password");
		Objects.requireNonNull(statusAdvanceAfter, "statusAdvanceAfter");
		if (statusAdvanceAfter.isNegative()) {
			throw new IllegalArgumentException("statusAdvanceAfter must not be negative, was " + statusAdvanceAfter);
		}
		if (historyPageSize < 1) {
			throw new IllegalArgumentException("historyPageSize must be at least 1, was " + historyPageSize);
		}
		Objects.requireNonNull(clock, "clock");
		availableFiles = List.copyOf(availableFiles);
		Objects.requireNonNull(lifecycle, "lifecycle");
	}

	/**
	 * How a scheduled campaign runs. Each device's result and the moment it is reached are drawn from the seed,
	 * the campaign id and the IMEI, so the same campaign reads the same on every poll and after a restart.
	 *
	 * @param campaignDuration from {@code CampaignScheduled} to {@code CampaignEnded}, devices reaching their
	 *        results along the way; {@code null}: the vendor's pace, the campaign ends the day after its end date
	 *        and its devices show their results then
	 * @param upgradeFailedRate share of devices (0.0-1.0) that end {@code UpgradeFailed}
	 * @param deviceRejectedRate share of devices (0.0-1.0) that end {@code DeviceRejected}
	 */
	public record Lifecycle(Duration campaignDuration, double upgradeFailedRate, double deviceRejectedRate) {

		/** The vendor's pace, every device succeeding: what tests on a fixed clock expect. */
		public static final Lifecycle VENDOR_PACE = new Lifecycle(null, 0.0, 0.0);

		/** The demo's pace: a campaign ends within half a minute, a few devices fail or are rejected. */
		public static final Lifecycle FAST = new Lifecycle(Duration.ofSeconds(30), 0.05, 0.02);

		public Lifecycle {
			if (campaignDuration != null && (campaignDuration.isNegative() || campaignDuration.isZero())) {
				throw new IllegalArgumentException("campaignDuration must be positive, was " + campaignDuration);
			}
			if (!(upgradeFailedRate >= 0.0 && deviceRejectedRate >= 0.0 && upgradeFailedRate + deviceRejectedRate <= 1.0)) {
				throw new IllegalArgumentException("upgradeFailedRate and deviceRejectedRate must be 0.0-1.0 and add up"
						+ " to at most 1.0, were " + upgradeFailedRate + " and " + deviceRejectedRate);
			}
		}
	}

	/** Free-port-less defaults: port 0, no latency, no failures, no rate limit, demo credentials, UTC system clock. */
	public static SimulatorOptions defaults() {
		return new SimulatorOptions(0, 0, 0.0, 0, DEFAULT_SESSION_TTL_SECONDS, DEFAULT_TOKEN_TTL_SECONDS, null, DEFAULT_CLIENT_ID,
				DEFAULT_CLIENT_SECRET, DEFAULT_USERNAME, DEFAULT_PASSWORD, DEFAULT_STATUS_ADVANCE_AFTER,
				DEFAULT_HISTORY_PAGE_SIZE, DEFAULT_SEED, Clock.systemUTC(), defaultAvailableFiles(), Lifecycle.VENDOR_PACE);
	}

	/**
	 * The demo files every simulated account has uploaded: the three files of the bundled samples, the sensor
	 * firmware for both distribution types (the samples send it over OMA).
	 */
	public static List<UploadedFile> defaultAvailableFiles() {
		return List.of(
				new UploadedFile("tracker-fw-2.4.1.bin", "2.4.1", "Tracker firmware 2.4.1: GNSS fixes", "Acme", "T100",
						"/firmware/tracker-fw-2.4.1.bin", "HTTP", "IoT"),
				new UploadedFile("gateway-cfg-7.json", "7.0", "Gateway configuration 7", "Acme", "G200",
						"/config/gateway-cfg-7.json", "HTTP", "IoT"),
				new UploadedFile("sensor-fw-1.9.0.bin", "1.9.0", "Sensor firmware 1.9.0: power savings", "Acme", "S10",
						"/firmware/sensor-fw-1.9.0.bin", "HTTP", "IoT"),
				new UploadedFile("sensor-fw-1.9.0.bin", "1.9.0", "Sensor firmware 1.9.0: power savings", "Acme", "S10",
						"/firmware/sensor-fw-1.9.0.bin", "OMA", "IoT"));
	}

	public SimulatorOptions withPort(int value) {
		return new SimulatorOptions(value, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, seed, clock,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withLatencyMs(long value) {
		return new SimulatorOptions(port, value, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, seed, clock,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withFailRate(double value) {
		return new SimulatorOptions(port, latencyMs, value, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, seed, clock,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withRateLimitPerSecond(int value) {
		return new SimulatorOptions(port, latencyMs, failRate, value, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, seed, clock,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withSessionTtlSeconds(long value) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, value, tokenTtlSeconds, stateFile,
				clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, seed, clock,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withTokenTtlSeconds(long value) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, value, stateFile,
				clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, seed, clock,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withStateFile(Path value) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, value,
				clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, seed, clock,
				availableFiles, lifecycle);
	}

	/** The OAuth client the token endpoint accepts. */
	public SimulatorOptions withClientCredentials(String id, String secret) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				id, secret, username, password, statusAdvanceAfter, historyPageSize, seed, clock,
				availableFiles, lifecycle);
	}

	/** The M2M user the session login accepts. */
	public SimulatorOptions withUserCredentials(String user, String pass) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				clientId, clientSecret, user, pass, statusAdvanceAfter, historyPageSize, seed, clock,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withStatusAdvanceAfter(Duration value) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				clientId, clientSecret, username, password, value, historyPageSize, seed, clock,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withHistoryPageSize(int value) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				clientId, clientSecret, username, password, statusAdvanceAfter, value, seed, clock,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withSeed(long value) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, value, clock,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withClock(Clock value) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, seed, value,
				availableFiles, lifecycle);
	}

	public SimulatorOptions withAvailableFiles(List<UploadedFile> value) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds, stateFile,
				clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, seed, clock,
				value, lifecycle);
	}

	public SimulatorOptions withLifecycle(Lifecycle value) {
		return new SimulatorOptions(port, latencyMs, failRate, rateLimitPerSecond, sessionTtlSeconds, tokenTtlSeconds,
				stateFile, clientId, clientSecret, username, password, statusAdvanceAfter, historyPageSize, seed, clock,
				availableFiles, value);
	}

	/** Secrets stay out of logs and exception messages. */
	@Override
	public String toString() {
		return "SimulatorOptions[port=" + port + ", latencyMs=" + latencyMs + ", failRate=" + failRate
				+ ", rateLimitPerSecond=" + rateLimitPerSecond + ", sessionTtlSeconds=" + sessionTtlSeconds + ", tokenTtlSeconds=" + tokenTtlSeconds
				+ ", stateFile=" + stateFile + ", clientId=" + clientId + ", username=" + username
				+ ", statusAdvanceAfter=" + statusAdvanceAfter + ", historyPageSize=" + historyPageSize
				+ ", seed=" + seed + ", clock=" + clock + ", availableFiles=" + availableFiles.size() + ", lifecycle=" + lifecycle
				+ "]";
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}
}
