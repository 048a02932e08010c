package io.github.campaignbatch.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.github.campaignbatch.cli.Main;
import io.github.campaignbatch.job.StepCheckpointListener;
import io.github.campaignbatch.simulator.SimulatorServer;

/**
 * The CLI in a process of its own, configured through the environment as an operator would, for the tests that
 * kill, stop or race whole processes. What it prints goes to {@code <name>.out} and {@code <name>.err}.
 */
public final class ChildJvm {

	private final Path directory;

	private final Map<String, String> environment = new LinkedHashMap<>();

	/** The user the child runs as; {@code null}: this process's. */
	private Integer uid;

	private ChildJvm(Path directory) {
		this.directory = directory;
	}

	/**
	 * A child on the given job database, with the simulator's demo credentials and a generous rate limit, and the
	 * data directory (staging files) {@link #dataDirectory}, which a command run in-process after it must share.
	 */
	public static ChildJvm against(Path directory, String databaseUrl, SimulatorServer simulator) {
		ChildJvm child = withDatabase(directory, databaseUrl);
		SimulatorCredentials.environment(simulator.baseUrl().toString()).forEach(child::with);
		return child.with("THINGSPACE_MAX_REQUESTS_PER_SECOND", "50")
			// A crash leaves campaigns in doubt; tests wait seconds for the simulator's history, not production's 10 min.
			.with("CAMPAIGN_SUBMISSION_VISIBILITY_HORIZON", "3s");
	}

	/** The data directory of the children started in {@code directory}, as {@code new CommandRunner(directory)} has it. */
	public static Path dataDirectory(Path directory) {
		return directory.resolve("data-dir");
	}

	/**
	 * A child on the given job database and the data directory {@code directory/data-dir} (as a {@link CommandRunner}
	 * on that directory has), with no ThingSpace configuration (dry runs, --simulate).
	 */
	public static ChildJvm withDatabase(Path directory, String databaseUrl) {
		return new ChildJvm(directory).with("CAMPAIGN_BATCH_DB_URL", databaseUrl)
			.with("CAMPAIGN_BATCH_DB_USER", TestDatabases.user())
			.with("CAMPAIGN_BATCH_DATA_DIR", dataDirectory(directory).toString());
	}

	/**
	 * Runs the child as another user ({@link OtherUsers#runAs}), as a service runs as its own: the caller checked
	 * {@link OtherUsers#assumeCanRunAsAnotherUser} and gave that user its folders.
	 */
	public ChildJvm asUser(int uid) {
		this.uid = uid;
		return this;
	}

	/**
	 * Holds the child's job at {@code checkpoint} ({@link PauseAtCheckpoint}) until it is killed or its standard input
	 * ends: the test class joins the child's application as an extra Spring source, which production never has.
	 */
	public ChildJvm pauseAt(StepCheckpointListener.Checkpoint checkpoint) {
		return with("SPRING_MAIN_SOURCES", PauseAtCheckpoint.class.getName())
			.with("CAMPAIGN_BATCH_TEST_PAUSE_AT", PauseAtCheckpoint.name(checkpoint));
	}

	/** An environment variable for the child. */
	public ChildJvm with(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	public Process start(String name, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(this.uid == null ? List.of() : OtherUsers.runAs(this.uid));
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				// A child lives seconds: the C2 compiler's threads only compete with the start for the CPU (on two
				// cores a child started in ~6 s with C1 alone against ~11 s, validate of the clean sample).
				"-XX:TieredStopAtLevel=1",
				// The test's home (target/test-home under Maven), never the real one: the default data dir is there.
				// Another user gets a home of its own in the child's folder.
				"-Duser.home=" + (this.uid == null ? System.getProperty("user.home") : this.directory.resolve("home")),
				"-cp", this.uid == null ? System.getProperty("java.class.path") : OtherUsers.classPath(),
				Main.class.getName()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectOutput(this.directory.resolve(name + ".out").toFile())
			.redirectError(this.directory.resolve(name + ".err").toFile());
		builder.environment().putAll(this.environment);
		return builder.start();
	}

	/** What the child {@code name} printed (stderr, then stdout), for an assertion's description. */
	public static String output(Path directory, String name) {
		try {
			return Files.readString(directory.resolve(name + ".err"))
					+ Files.readString(directory.resolve(name + ".out"));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Waits until the child {@code name} has printed {@code text} (on stderr or stdout), has ended, or 240 s have
	 * passed, whichever comes first; the caller asserts which.
	 */
	public static void awaitOutput(Path directory, String name, String text, Process child) throws InterruptedException {
		awaitOutput(directory, name, output -> output.contains(text), child);
	}

	/** As {@link #awaitOutput(Path, String, String, Process)}, until what the child printed satisfies {@code printed}. */
	public static void awaitOutput(Path directory, String name, Predicate<String> printed, Process child)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
		while (child.isAlive() && System.nanoTime() < deadline && !printed.test(output(directory, name))) {
			Thread.sleep(50);
		}
	}

	/**
	 * Waits until the simulator has created at least {@code campaigns} campaigns, the child has ended, or 240 s
	 * have passed, whichever comes first; the caller asserts which.
	 */
	public static void awaitCampaigns(SimulatorServer simulator, int campaigns, Process child) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
		while (simulator.campaigns().size() < campaigns && child.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}
}
