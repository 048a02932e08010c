package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.campaign.RolloutPolicy;
import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.JobRun;
import io.github.campaignbatch.job.RunRequest;
import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.staging.EngineWarmUp;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * One started application sending to one {@link RunTarget} (and, for the simulator, the simulator itself) that runs
 * any number of inputs: {@code run} and {@code validate} run one, {@code schedule} every file of a tick,
 * {@code restart} one execution.
 */
final class Session implements AutoCloseable {

	private static final String CREDENTIALS_HINT = " (or use --dry-run, or --simulate to try against the bundled simulator)";

	private final Backend backend;

	private final SimulatorServer simulator;

	private final RunTarget target;

	private final PrintWriter out;

	private final PrintWriter err;

	private boolean reportWhenComplete;

	private boolean keepDryRunRows;

	private boolean rolloutFromConfiguration;

	private JobRun lastRun;

	private Session(Backend backend, SimulatorServer simulator, RunTarget target, PrintWriter out, PrintWriter err) {
		this.backend = backend;
		this.simulator = simulator;
		this.target = target;
		this.out = out;
		this.err = err;
	}

	/** Starts the application for a run's {@link SendOptions}, announcing the simulator if one starts. */
	static Session open(boolean verbose, SendOptions send, PrintWriter out, PrintWriter err) {
		return open(verbose, kind(send), true, out, err);
	}

	/**
	 * Starts the application; a run that sends to the real API needs ThingSpace credentials.
	 * @param target {@link RunTarget#NONE}, {@link RunTarget#SIMULATOR} (starts the simulator), or any real target
	 * (the configured API's origin is the session's target)
	 * @param announceSimulator print the line that says a simulator answers (a long-running schedule says it once)
	 */
	static Session open(boolean verbose, RunTarget target, boolean announceSimulator, PrintWriter out, PrintWriter err) {
		return open(verbose, target, announceSimulator, List.of(), out, err);
	}

	/**
	 * The same, with {@code name=value} settings of this session's own that override every other source (e.g.
	 * {@code schedule}'s end of the submit step).
	 */
	static Session open(boolean verbose, RunTarget target, boolean announceSimulator, List<String> settings,
			PrintWriter out, PrintWriter err) {
		// every session stages an input: the engine's native library loads while Spring starts
		EngineWarmUp.startInBackground();
		List<String> properties = new ArrayList<>(settings);
		SimulatorServer simulator = null;
		if (target.simulated()) {
			simulator = SimulatedApi.start();
			if (announceSimulator) {
				out.println(simulatorBanner(simulator));
			}
			properties.addAll(SimulatedApi.clientProperties(simulator));
		}
		Backend backend = null;
		try {
			backend = Backend.start(verbose, properties);
			if (simulator != null) {
				backend.provideSimulatedFiles(simulator);
				// A simulated vendor whose history lags behind its writes, to try the visibility horizon.
				simulator.historyLag(backend.simulatedHistoryLag());
			}
			return around(backend, simulator, target, out, err);
		}
		catch (RuntimeException ex) {
			if (backend != null) {
				backend.close();
			}
			if (simulator != null) {
				simulator.close();
			}
			throw ex;
		}
	}

	/** A session on an application already started without a simulator (a real run, or a dry run). */
	static Session around(Backend backend, RunTarget target, PrintWriter out, PrintWriter err) {
		return around(backend, null, target, out, err);
	}

	private static Session around(Backend backend, SimulatorServer simulator, RunTarget target, PrintWriter out,
			PrintWriter err) {
		RunTarget resolved = target;
		if (target.real()) {
			backend.checkCredentials(CREDENTIALS_HINT);
			resolved = backend.realApi();
		}
		if (target.real() || target.simulated()) {
			// The ledger that keeps a run from sending twice lives there: say which one it is (never a password).
			out.println("Job database: " + JobDatabaseUrl.shown(backend.databaseUrl()));
		}
		return new Session(backend, simulator, resolved, out, err);
	}

	static String simulatorBanner(SimulatorServer simulator) {
		return "Simulated ThingSpace API on " + simulator.baseUrl()
				+ " (no real devices are touched; kept apart from real runs)";
	}

	/** {@link RunTarget#NONE}, {@link RunTarget#SIMULATOR} or {@link RunTarget#UNRECORDED} for "the real API". */
	static RunTarget kind(SendOptions send) {
		return send.dryRun ? RunTarget.NONE : send.simulate ? RunTarget.SIMULATOR : RunTarget.UNRECORDED;
	}

	/** Where this session sends: the simulator, the real API's origin, or nowhere (dry run). */
	RunTarget target() {
		return this.target;
	}

	Backend backend() {
		return this.backend;
	}

	/** The job run of the last {@link #run}, {@code null} before one. */
	JobRun lastRun() {
		return this.lastRun;
	}

	/** Launches (or resumes) the job on one input, prints its summary and returns what came of it. */
	RunOutcome run(InputOptions options) {
		RunOptions run = options.run;
		RunRequest request = new RunRequest(options.input, run.account, this.target,
				options.reportOrDefault(this.target.simulated()), run.sheet, run.dateFormat, run.todayOrNow(),
				run.timeZone(), this.backend.apiTimeZone(),
				rollout(run));
		JobParameters parameters = CampaignJobParameters.of(request, InputFingerprint.sha256(options.input));
		return report(() -> {
			JobRun launched = this.backend.launch(parameters);
			this.lastRun = launched;
			if (launched.kind() == JobRun.Kind.ALREADY_COMPLETE && this.reportWhenComplete) {
				this.backend.writeReport(launched.execution().getJobInstanceId(), request.report());
			}
			return launched;
		});
	}

	/**
	 * The run's rollout policy: its options, or when none is given and this is the {@code schedule} service's
	 * session, the configured one ({@code campaign.rollout.*}).
	 */
	private RolloutPolicy rollout(RunOptions run) {
		return run.rollout.given() || !this.rolloutFromConfiguration ? run.rollout.policy()
				: this.backend.configuredRollout();
	}

	/** Files without rollout options roll out as configured ({@code campaign.rollout.*}): the schedule service. */
	Session rolloutFromConfiguration() {
		this.rolloutFromConfiguration = true;
		return this;
	}

	/**
	 * Also writes the report where asked when the input was processed before ({@code schedule}: a file's report lies
	 * beside it, even when the same content came in earlier under another name).
	 */
	Session reportWhenComplete() {
		this.reportWhenComplete = true;
		return this;
	}

	/**
	 * A finished dry run keeps its staged rows until the caller lets them go ({@link Backend#forgetDryRun}): for work
	 * that reads them after the run, such as the online checks of {@code validate --online}.
	 */
	Session keepingDryRunRows() {
		this.keepDryRunRows = true;
		return this;
	}

	/** Restarts one execution with the parameters it ran with, prints its summary and returns what came of it. */
	RunOutcome restart(JobExecution execution) {
		return report(() -> this.backend.restart(execution, this.target));
	}

	private RunOutcome report(Launch launch) {
		try {
			JobRun run = launch.run();
			RunOutcome outcome = new RunReporter(this.backend, this.target, this.out, this.err).report(run);
			forgetIfDryRunDone(run);
			return outcome;
		}
		catch (UsageException | SpringContexts.JobDatabaseException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(Failures.describe(ex), ex);
		}
	}

	/**
	 * A dry run's staged rows are not kept once its summary and report are written: nothing reads them again, and
	 * repeated dry runs of a large file would otherwise grow the database each time.
	 */
	private void forgetIfDryRunDone(JobRun run) {
		JobExecution execution = run.execution();
		if (!this.keepDryRunRows && run.kind() == JobRun.Kind.RAN && execution != null && execution.getStatus() == BatchStatus.COMPLETED
				&& CampaignJobParameters.isDryRun(execution.getJobParameters())) {
			this.backend.forgetDryRun(execution);
		}
	}

	@Override
	public void close() {
		try {
			this.backend.close();
		}
		finally {
			if (this.simulator != null) {
				this.simulator.close();
			}
		}
	}

	@FunctionalInterface
	private interface Launch {

		JobRun run() throws Exception;
	}
}
