package io.github.campaignbatch.application;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import io.github.campaignbatch.amendment.AmendmentStore;
import io.github.campaignbatch.amendment.CampaignAmender;
import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.preflight.PreflightCheck;
import io.github.campaignbatch.campaign.RolloutPolicy;
import io.github.campaignbatch.retention.Retention;
import io.github.campaignbatch.rollout.RolloutLedger;
import io.github.campaignbatch.rollout.RolloutSettings;
import io.github.campaignbatch.rollout.Rollouts;
import io.github.campaignbatch.staging.StagingStore;
import io.github.campaignbatch.job.CampaignJobConfiguration;
import io.github.campaignbatch.job.CampaignJobLauncher;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.JobSettings;
import io.github.campaignbatch.job.JobRun;
import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.report.EarlierReports;
import io.github.campaignbatch.report.ResultsReportWriter;
import io.github.campaignbatch.report.ResultsRepository;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.submission.LedgerCampaign;
import io.github.campaignbatch.submission.SubmissionLedger;
import io.github.campaignbatch.submission.SubmissionSettings;
import io.github.campaignbatch.thingspace.ThingSpaceProperties;
import io.github.campaignbatch.tracking.CampaignCanceller;
import io.github.campaignbatch.tracking.CampaignTracker;
import io.github.campaignbatch.tracking.TrackingStore;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The started application as the commands see it: the Spring context, the job database lock it holds, the
 * in-process simulator it talks to (with {@code --simulate}, or for a simulated execution's campaigns) and where its
 * runs send ({@link #target}). The things the commands ask of it are typed accessors here; this is the one class that
 * fetches beans from the context. Made by an {@link ApplicationFactory}; closing it closes the context, then lets the
 * database lock go, then stops the simulator.
 */
public final class Application implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	/** The context and lock this handle closes; {@code null} for a handle that {@link #borrowed borrows} them. */
	private final SpringContexts.Started started;

	/** The in-process simulator this handle stops when closed; {@code null} when the application talks to none. */
	private final SimulatorServer simulator;

	private RunTarget target = RunTarget.NONE;

	private boolean closed;

	Application(SpringContexts.Started started, SimulatorServer simulator) {
		this(started.context(), started, simulator);
	}

	private Application(ConfigurableApplicationContext context, SpringContexts.Started started, SimulatorServer simulator) {
		this.context = context;
		this.started = started;
		this.simulator = simulator;
	}

	/**
	 * A handle on the same started application that closing leaves open: for a caller that holds the application for
	 * longer than one use (the real API of {@code track}, or tests that run many commands on one application).
	 */
	public Application borrowed() {
		Application borrowed = new Application(this.context, null, null);
		borrowed.target = this.target;
		return borrowed;
	}

	/**
	 * This application as the real API's client ({@code track}, {@code cancel}, the online checks), once all ThingSpace
	 * credentials are set (a usage error naming the missing ones, then {@code credentialsHint}); closing it leaves this
	 * application open.
	 */
	public Application realApiClient(String credentialsHint) {
		checkCredentials(credentialsHint);
		return borrowed();
	}

	/** Where this application's runs send: the simulator, the real API's origin, or nowhere (a dry run). */
	public RunTarget target() {
		return this.target;
	}

	/**
	 * Points this application's runs at {@code target}: for the real API, once the ThingSpace credentials are all set
	 * (a usage error naming the missing ones, then {@code credentialsHint}), at the configured API's origin.
	 */
	public Application sendingTo(RunTarget target, String credentialsHint) {
		if (target.real()) {
			checkCredentials(credentialsHint);
			this.target = realApi();
		}
		else {
			this.target = target;
		}
		return this;
	}

	/** The line that says a simulator answers, {@code null} when this application talks to none. */
	public String simulatorBanner() {
		return this.simulator == null ? null : simulatorBanner(this.simulator);
	}

	static String simulatorBanner(SimulatorServer simulator) {
		return "Simulated ThingSpace API on " + simulator.baseUrl()
				+ " (no real devices are touched; kept apart from real runs)";
	}

	/** The execution the operator named (with its steps and context), or a usage error naming the id. */
	public JobExecution execution(long id) {
		return Executions.named(repository(), id);
	}

	/** The executions of the newest {@code instances} job instances, newest first. */
	public List<JobExecution> recentExecutions(int instances) {
		List<JobExecution> executions = new ArrayList<>();
		for (JobInstance instance : repository().getJobInstances(CampaignJobConfiguration.JOB_NAME, 0, instances)) {
			executions.addAll(repository().getJobExecutions(instance));
		}
		executions.sort(Comparator.comparingLong(JobExecution::getId).reversed());
		return executions;
	}

	/**
	 * The last execution of each of the newest {@code instances} job instances that did not complete: failed,
	 * stopped, or left running by a process that died; or that an earlier version completed with campaigns still in
	 * doubt or unsent (restarting it settles them, see {@code CampaignJobLauncher}); newest first. The one scan
	 * {@code restart} and {@code schedule} share.
	 */
	public List<JobExecution> unfinished(int instances) {
		Set<Long> withCampaignsLeft = ledger().jobInstancesWithUnfinishedCampaigns();
		List<JobExecution> found = new ArrayList<>();
		for (JobInstance instance : repository().getJobInstances(CampaignJobConfiguration.JOB_NAME, 0, instances)) {
			JobExecution last = repository().getLastJobExecution(instance);
			if (last == null || last.getStatus() == BatchStatus.ABANDONED) {
				continue;
			}
			if (last.getStatus() != BatchStatus.COMPLETED || (withCampaignsLeft.contains(instance.getInstanceId())
					&& !CampaignJobParameters.isDryRun(last.getJobParameters()))) {
				found.add(last);
			}
		}
		return found;
	}

	/** The job instance's campaigns in doubt (SUBMITTING, UNKNOWN), in input order. */
	public List<LedgerCampaign> inDoubt(long jobInstanceId) {
		return ledger().inDoubt(jobInstanceId);
	}

	/** How long after its last POST a campaign in doubt may still be missing from ThingSpace's history. */
	public Duration visibilityHorizon() {
		return this.context.getBean(SubmissionSettings.class).visibilityHorizon();
	}

	/** How long a SIGTERM waits for the running job to stop ({@code campaign.stop-timeout}). */
	public Duration stopTimeout() {
		return this.context.getBean(JobSettings.class).stopTimeout();
	}

	/** The last execution of a step of this execution's job instance, or {@code null} if it never ran. */
	public StepExecution lastStep(JobExecution execution, String stepName) {
		return repository().getLastStepExecution(execution.getJobInstance(), stepName);
	}

	/**
	 * The last execution of each job instance with a scheduled campaign not final yet, or a rollout not over
	 * ({@code track --open} and the {@code schedule} tick), oldest instance first.
	 */
	public List<JobExecution> withOpenCampaigns() {
		List<JobExecution> executions = new ArrayList<>();
		for (long instance : openInstances()) {
			executions.add(repository().getLastJobExecution(repository().getJobInstance(instance)));
		}
		return executions;
	}

	/** Instances with a scheduled campaign not final, or a rollout not over (a wave to release or to settle). */
	private SortedSet<Long> openInstances() {
		SortedSet<Long> instances = new TreeSet<>(tracking().jobInstancesWithOpenCampaigns());
		instances.addAll(rolloutLedger().jobInstancesWithOpenRollouts());
		return instances;
	}

	/** The waves of rollouts as the ledger holds them. */
	public RolloutLedger rolloutLedger() {
		return this.context.getBean(RolloutLedger.class);
	}

	/** Releases, halts and settles rollouts' waves at the API this application is pointed at. */
	public Rollouts rollouts() {
		return this.context.getBean(Rollouts.class);
	}

	/** The {@code schedule} service's rollout policy ({@code campaign.rollout.*}); a usage error naming a bad one. */
	public RolloutPolicy configuredRollout() {
		try {
			return this.context.getBean(RolloutSettings.class).policy();
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("campaign.rollout: " + ex.getMessage());
		}
	}

	public JobRun launch(JobParameters parameters) throws Exception {
		return this.context.getBean(CampaignJobLauncher.class).launch(parameters);
	}

	public JobRun restart(JobExecution execution, RunTarget session) throws Exception {
		return this.context.getBean(CampaignJobLauncher.class).restart(execution, session);
	}

	public ResultsRepository results() {
		return this.context.getBean(ResultsRepository.class);
	}

	/** Where the scheduled campaigns and their devices stood when last tracked. */
	public TrackingStore tracking() {
		return this.context.getBean(TrackingStore.class);
	}

	/** Reads the vendor's statuses (of the API this application is pointed at). */
	public CampaignTracker tracker() {
		return this.context.getBean(CampaignTracker.class);
	}

	/** Cancels or aborts campaigns at the API this application is pointed at. */
	public CampaignCanceller canceller() {
		return this.context.getBean(CampaignCanceller.class);
	}

	/** Changes the dates, windows and devices of campaigns at the API this application is pointed at. */
	public CampaignAmender amender() {
		return this.context.getBean(CampaignAmender.class);
	}

	/** The changes made to the scheduled campaigns ({@code status --execution}). */
	public AmendmentStore amendments() {
		return this.context.getBean(AmendmentStore.class);
	}

	/** The online checks of {@code validate --online}, at the API this application is pointed at. */
	public PreflightCheck preflight() {
		return this.context.getBean(PreflightCheck.class);
	}

	/** Moves another run's report out of the way of this instance's, unless this one supersedes it. */
	public Optional<EarlierReports.Kept> keepEarlierReport(long jobInstanceId, Path report) {
		return this.context.getBean(EarlierReports.class).keepUnlessSuperseded(report, jobInstanceId);
	}

	public long writeReport(long jobInstanceId, Path report) {
		return this.context.getBean(ResultsReportWriter.class).write(jobInstanceId, report);
	}

	/** Writes a report into an existing folder, replacing an existing file only when told to ({@code report}). */
	public long writeReport(long jobInstanceId, Path report, SafeFiles.Existing existing) {
		return this.context.getBean(ResultsReportWriter.class).write(jobInstanceId, report, existing);
	}

	/** What the job database keeps and lets go. */
	public Retention retention() {
		return new Retention(this.context.getBean(JdbcTemplate.class), repository(),
				this.context.getBean(PlatformTransactionManager.class), CampaignJobConfiguration.JOB_NAME,
				this.context.getBean(StagingStore.class));
	}

	/** The job database's URL as the application uses it. */
	public String databaseUrl() {
		return SpringContexts.databaseUrl(this.context);
	}

	/**
	 * A finished dry run lets its staged rows go; 'status' still shows its devices per outcome, kept with the
	 * execution as a line of text.
	 */
	public void forgetDryRun(JobExecution execution) {
		String did = ExecutionActivity.of(results(), execution);
		execution.getExecutionContext().putString(ExecutionActivity.DEVICES_KEPT, did);
		repository().updateExecutionContext(execution);
		retention().forgetDryRun(execution.getJobInstanceId());
	}

	/** An execution with its context (the list of executions comes without). */
	public JobExecution withContext(JobExecution execution) {
		JobExecution loaded = repository().getJobExecution(execution.getId());
		return loaded == null ? execution : loaded;
	}

	/**
	 * The zone the vendor reads dates and windows in ({@code thingspace.time-zone}).
	 * @throws UsageException naming the setting when it is not a time zone
	 */
	public ZoneId apiTimeZone() {
		try {
			return thingSpace().apiTimeZone();
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	/** The real API this application is configured for. */
	private RunTarget realApi() {
		return RunTarget.realApi(thingSpace().validate().toString());
	}

	/**
	 * The one credentials check (a run that sends, {@code track}, {@code cancel}): all four ThingSpace credentials
	 * are needed; a usage error naming the missing settings, then {@code hint}.
	 */
	void checkCredentials(String hint) {
		List<String> missing = thingSpace().missingCredentials();
		if (!missing.isEmpty()) {
			throw new UsageException("ThingSpace credentials missing: set " + String.join(", ", missing) + hint);
		}
	}

	private ThingSpaceProperties thingSpace() {
		return this.context.getBean(ThingSpaceProperties.class);
	}

	private SubmissionLedger ledger() {
		return this.context.getBean(SubmissionLedger.class);
	}

	private JobRepository repository() {
		return this.context.getBean(JobRepository.class);
	}

	/** Closes the context (and with it the job database), then lets the lock go, then stops the simulator; once. */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			if (this.started != null) {
				this.started.close();
			}
		}
		finally {
			if (this.simulator != null) {
				this.simulator.close();
			}
		}
	}
}
