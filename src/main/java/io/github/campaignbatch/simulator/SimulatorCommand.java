package io.github.campaignbatch.simulator;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code campaign-batch simulator}: runs the ThingSpace API simulator in the foreground until Ctrl-C or
 * SIGTERM. No Spring context: it starts in a fraction of a second and can be run as its own process
 * (crash tests point a job in another JVM at it). Exit codes: 0 after an interrupt, 2 for bad options or a
 * port in use, 1 for any other start failure (such as an unreadable state file).
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
		description = {
				"Runs a local simulator of the ThingSpace API subset campaign-batch uses (OAuth token, M2M session,"
						+ " FOTA v2 file campaigns, reports, available files), on 127.0.0.1 only.",
				"Token and login calls never fail on purpose; --fail-rate and --rate-limit apply to FOTA calls." })
public class SimulatorCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--port", defaultValue = "" + SimulatorOptions.DEFAULT_PORT,
			description = "TCP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
	int port;

	@Option(names = "--latency-ms", defaultValue = "0", paramLabel = "N",
			description = "Delay every request by N milliseconds (default: ${DEFAULT-VALUE}).")
	long latencyMs;

	@Option(names = "--fail-rate", defaultValue = "0.0", paramLabel = "P",
			description = "Probability 0.0-1.0 that a FOTA call fails: a 500 before processing, a 500 after"
					+ " processing (the campaign IS created) or a dropped connection after processing (default: ${DEFAULT-VALUE}).")
	double failRate;

	@Option(names = "--rate-limit", defaultValue = "0", paramLabel = "N",
			description = "Admit at most N FOTA calls per second (burst N), answer 429 with Retry-After: 1 beyond;"
					+ " 0 = unlimited (default: ${DEFAULT-VALUE}).")
	int rateLimit;

	@Option(names = "--session-ttl-seconds", defaultValue = "" + SimulatorOptions.DEFAULT_SESSION_TTL_SECONDS,
			paramLabel = "N", description = "A session expires after N seconds without use (default: ${DEFAULT-VALUE}).")
	long sessionTtlSeconds;

	@Option(names = "--token-ttl-seconds", defaultValue = "" + SimulatorOptions.DEFAULT_TOKEN_TTL_SECONDS,
			paramLabel = "N", description = "An access token expires N seconds after issue; its expires_in says so"
					+ " (default: ${DEFAULT-VALUE}).")
	long tokenTtlSeconds;

	@Option(names = "--state", paramLabel = "FILE",
			description = "Keep campaigns in FILE (JSON) across restarts; loaded at start if it exists.")
	Path stateFile;

	@Option(names = "--client-id", defaultValue = SimulatorOptions.DEFAULT_CLIENT_ID,
			description = "OAuth client id to accept (default: ${DEFAULT-VALUE}).")
	String clientId;

	@Option(names = "--client-secret", defaultValue = SimulatorOptions.DEFAULT_CLIENT_SECRET,
			description = "OAuth client secret to accept (default: the demo one).")
	String clientSecret;

	@Option(names = "--username", defaultValue = SimulatorOptions.DEFAULT_USERNAME,
			description = "Session login user to accept (default: ${DEFAULT-VALUE}).")
	String username;

	@Option(names = "--password", defaultValue = SimulatorOptions.DEFAULT_PASSWORD,
			description = "Session login password to accept (default: the demo one).")
	String password;

	@Option(names = "--seed", defaultValue = "" + SimulatorOptions.DEFAULT_SEED,
			description = "Seed for the choice of injected failures, to repeat a run (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--available-file", paramLabel = "NAME:VERSION[:HTTP|OMA]",
			description = "A file every account has uploaded (repeatable; HTTP when the type is left out). Given any,"
					+ " they replace the three demo files.")
	List<String> availableFiles = new ArrayList<>();

	@Option(names = "--campaign-seconds", defaultValue = "30", paramLabel = "N",
			description = "A scheduled campaign ends N seconds after it is scheduled, its devices reaching their results"
					+ " along the way; 0 = the vendor's pace (it ends the day after its end date) (default: ${DEFAULT-VALUE}).")
	long campaignSeconds;

	@Option(names = "--upgrade-failed-rate", defaultValue = "0.05", paramLabel = "P",
			description = "Share 0.0-1.0 of devices that end UpgradeFailed (default: ${DEFAULT-VALUE}).")
	double upgradeFailedRate;

	@Option(names = "--device-rejected-rate", defaultValue = "0.02", paramLabel = "P",
			description = "Share 0.0-1.0 of devices that end DeviceRejected (default: ${DEFAULT-VALUE}).")
	double deviceRejectedRate;

	@Option(names = "--history-lag-seconds", defaultValue = "0", paramLabel = "N",
			description = "A created campaign shows in the campaign history and in GET only N seconds after its"
					+ " creation, as an eventually consistent vendor report would (default: ${DEFAULT-VALUE}).")
	long historyLagSeconds;

	@Option(names = "--pilot-limit",
			description = "Enforce ThingSpace's pilot limit: a campaign of a file holds at most 20 devices until a campaign"
					+ " of that file had at least 5 devices succeed at 50% or more (else HTTP 400 PILOT_LIMIT_EXCEEDED).")
	boolean pilotLimit;

	@Option(names = "--bad-file", paramLabel = "NAME:VERSION:RATE",
			description = "The devices of this file's campaigns end UpgradeFailed at RATE (0.0-1.0), the others"
					+ " UpgradeSuccess: a rollout of it halts (repeatable).")
	List<String> badFiles = new ArrayList<>();

	@Option(names = "--lose-create-answers", defaultValue = "0.0", paramLabel = "P",
			description = "Probability (0.0-1.0) that a schedule call creates its campaign and then loses the answer"
					+ " (a 500 or a dropped connection); no other call is affected (default: ${DEFAULT-VALUE}).")
	double loseCreateAnswers;

	/**
	 * Runs the command on its own, without the {@code campaign-batch} entry point, e.g.
	 * {@code java -cp CLASSPATH io.github.campaignbatch.simulator.SimulatorCommand --port 8089}.
	 */
	public static void main(String[] args) {
		System.exit(new CommandLine(new SimulatorCommand()).execute(args));
	}

	@Override
	public Integer call() {
		SimulatorOptions options = options();
		require(this.historyLagSeconds >= 0, "--history-lag-seconds must not be negative, was " + this.historyLagSeconds);
		require(this.loseCreateAnswers >= 0.0 && this.loseCreateAnswers <= 1.0,
				"--lose-create-answers must be between 0.0 and 1.0, was " + this.loseCreateAnswers);
		List<BadFile> bad = new ArrayList<>();
		for (String declaration : this.badFiles) {
			try {
				bad.add(BadFile.parse(declaration));
			}
			catch (IllegalArgumentException refused) {
				throw new ParameterException(this.spec.commandLine(), "--bad-file " + refused.getMessage());
			}
		}
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		SimulatorServer server;
		try {
			server = SimulatorServer.start(options);
		}
		catch (UncheckedIOException failure) {
			if (failure.getCause() instanceof BindException) {
				err.println("simulator: port " + this.port + " on 127.0.0.1 is already in use; choose another with --port");
				err.flush();
				return 2;
			}
			err.println("simulator: " + failure.getMessage());
			err.flush();
			return 1;
		}
		server.historyLag(Duration.ofSeconds(this.historyLagSeconds)).loseCreateAnswers(this.loseCreateAnswers)
			.pilotLimit(this.pilotLimit);
		bad.forEach(server::badFile);
		Thread closeOnExit = new Thread(server::close, "thingspace-simulator-shutdown");
		Runtime.getRuntime().addShutdownHook(closeOnExit);
		out.println("ThingSpace simulator listening on " + server.baseUrl() + " (client " + this.clientId + ", user "
				+ this.username + "); Ctrl-C to stop");
		out.flush();
		try {
			// SIGINT/SIGTERM end the JVM through the shutdown hook; an interrupt (embedding, tests) ends here.
			new CountDownLatch(1).await();
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		finally {
			server.close();
			removeHook(closeOnExit);
		}
		return 0;
	}

	/**
	 * The options as the server takes them. Their rules are {@link SimulatorOptions}'s own (checked when it is built);
	 * a value it refuses is a usage error here, named by its option.
	 */
	private SimulatorOptions options() {
		require(this.campaignSeconds >= 0, "--campaign-seconds must not be negative, was " + this.campaignSeconds);
		List<UploadedFile> files = new ArrayList<>();
		for (String declaration : this.availableFiles) {
			try {
				files.add(UploadedFile.parse(declaration));
			}
			catch (IllegalArgumentException bad) {
				throw new ParameterException(this.spec.commandLine(), "--available-file " + bad.getMessage());
			}
		}
		try {
			return SimulatorOptions.defaults()
					.withPort(this.port)
					.withLatencyMs(this.latencyMs)
					.withFailRate(this.failRate)
					.withRateLimitPerSecond(this.rateLimit)
					.withSessionTtlSeconds(this.sessionTtlSeconds)
					.withTokenTtlSeconds(this.tokenTtlSeconds)
					.withStateFile(this.stateFile)
					.withClientCredentials(this.clientId, this.clientSecret)
					.withUserCredentials(this.username, this.password)
					.withSeed(this.seed)
					.withAvailableFiles(files.isEmpty() ? SimulatorOptions.defaultAvailableFiles() : files)
					.withLifecycle(new SimulatorOptions.Lifecycle(
							this.campaignSeconds == 0 ? null : Duration.ofSeconds(this.campaignSeconds), this.upgradeFailedRate,
							this.deviceRejectedRate));
		}
		catch (IllegalArgumentException refused) {
			throw new ParameterException(this.spec.commandLine(), optionNames(refused.getMessage()));
		}
	}

	/** The names of {@link SimulatorOptions}'s components in a message, as this command's options. */
	static String optionNames(String message) {
		String named = message;
		for (String[] pair : OPTION_NAMES) {
			named = named.replaceAll("\\b" + pair[0] + "\\b", pair[1]);
		}
		return named;
	}

	private static final String[][] OPTION_NAMES = { { "port", "--port" }, { "latencyMs", "--latency-ms" },
			{ "failRate", "--fail-rate" }, { "rateLimitPerSecond", "--rate-limit" },
			{ "sessionTtlSeconds", "--session-ttl-seconds" }, { "tokenTtlSeconds", "--token-ttl-seconds" },
			{ "clientId", "--client-id" }, { "clientSecret", "--client-secret" }, { "username", "--username" },
			{ "password", "--password" }, { "upgradeFailedRate", "--upgrade-failed-rate" },
			{ "deviceRejectedRate", "--device-rejected-rate" } };

	private void require(boolean condition, String message) {
		if (!condition) {
			throw new ParameterException(this.spec.commandLine(), message);
		}
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException alreadyShuttingDown) {
			// The hook is running or has run; nothing left to undo.
		}
	}
}
