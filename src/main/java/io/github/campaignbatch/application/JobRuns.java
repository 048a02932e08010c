package io.github.campaignbatch.application;

import java.io.PrintWriter;

import io.github.campaignbatch.campaign.RolloutPolicy;
import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.JobRun;
import io.github.campaignbatch.job.RunRequest;
import io.github.campaignbatch.job.RunTarget;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * Runs and restarts the job on one started {@link Application}, sending to its {@link RunTarget}; prints each run's
 * summary and decides its exit code ({@link RunReporter}): {@code run} and {@code validate} run one input,
 * {@code schedule} every file of a tick, {@code restart} one execution.
 */
public final class JobRuns {

	/** The wording of the credentials check for a run that sends. */
	public static final String CREDENTIALS_HINT = " (or use --dry-run, or --simulate to try against the bundled simulator)";

	private final Application application;

	private final PrintWriter out;

	private final PrintWriter err;

	private boolean reportWhenComplete;

	private boolean keepDryRunRows;

	private boolean rolloutFromConfiguration;

	private JobRun lastRun;

	private JobRuns(Application application, PrintWriter out, PrintWriter err) {
		this.application = application;
		this.out = out;
		this.err = err;
	}

	/** Runs on a started application (its runs send to its {@link Application#target}). */
	public static JobRuns on(Application application, PrintWriter out, PrintWriter err) {
		RunTarget target = application.target();
		if (target.real() || target.simulated()) {
			// The ledger that keeps a run from sending twice lives there: say which one it is (never a password).
			out.println("Job database: " + JobDatabaseUrl.shown(application.databaseUrl()));
		}
		return new JobRuns(application, out, err);
	}

	/** Where these runs send: the simulator, the real API's origin, or nowhere (dry run). */
	public RunTarget target() {
		return this.application.target();
	}

	public Application application() {
		return this.application;
	}

	/** The job run of the last {@link #run}, {@code null} before one. */
	public JobRun lastRun() {
		return this.lastRun;
	}

	/** Launches (or resumes) the job on one input, prints its summary and returns what came of it. */
	public RunOutcome run(RunRequest request) {
		return run(request, InputFingerprint.sha256(request.input()));
	}

	/**
	 * {@link #run(RunRequest)} with the input's hash computed while the application started
	 * ({@link InputFingerprint#inBackground}).
	 */
	public RunOutcome run(RunRequest request, InputFingerprint.Pending fingerprint) {
		if (!fingerprint.file().equals(request.input())) {
			throw new IllegalArgumentException("the hash of " + fingerprint.file() + " for a run of " + request.input());
		}
		return run(request, fingerprint.sha256());
	}

	private RunOutcome run(RunRequest request, String inputSha256) {
		JobParameters parameters = CampaignJobParameters.of(request, inputSha256);
		return report(() -> {
			JobRun launched = this.application.launch(parameters);
			this.lastRun = launched;
			if (launched.kind() == JobRun.Kind.ALREADY_COMPLETE && this.reportWhenComplete) {
				this.application.writeReport(launched.execution().getJobInstanceId(), request.report());
			}
			return launched;
		});
	}

	/**
	 * The rollout policy of a run whose options give {@code fromOptions} ({@code given}: the operator set one): the
	 * options', or when none is given and this is the {@code schedule} service's, the configured one
	 * ({@code campaign.rollout.*}).
	 */
	public RolloutPolicy rollout(boolean given, RolloutPolicy fromOptions) {
		return given || !this.rolloutFromConfiguration ? fromOptions : this.application.configuredRollout();
	}

	/** Files without rollout options roll out as configured ({@code campaign.rollout.*}): the schedule service. */
	public JobRuns rolloutFromConfiguration() {
		this.rolloutFromConfiguration = true;
		return this;
	}

	/**
	 * Also writes the report where asked when the input was processed before ({@code schedule}: a file's report lies
	 * beside it, even when the same content came in earlier under another name).
	 */
	public JobRuns reportWhenComplete() {
		this.reportWhenComplete = true;
		return this;
	}

	/**
	 * A finished dry run keeps its staged rows until the caller lets them go ({@link Application#forgetDryRun}): for work
	 * that reads them after the run, such as the online checks of {@code validate --online}.
	 */
	public JobRuns keepingDryRunRows() {
		this.keepDryRunRows = true;
		return this;
	}

	/** Restarts one execution with the parameters it ran with, prints its summary and returns what came of it. */
	public RunOutcome restart(JobExecution execution) {
		return report(() -> this.application.restart(execution, target()));
	}

	private RunOutcome report(Launch launch) {
		try {
			JobRun run = launch.run();
			RunOutcome outcome = new RunReporter(this.application, target(), this.out, this.err).report(run);
			forgetIfDryRunDone(run);
			return outcome;
		}
		catch (UsageException | JobDatabaseException ex) {
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
			this.application.forgetDryRun(execution);
		}
	}

	@FunctionalInterface
	private interface Launch {

		JobRun run() throws Exception;
	}
}
