package io.github.campaignbatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * The started application as the commands see it: the few things they ask of it, typed, in one place (instead of
 * each command fetching beans from the Spring context).
 */
final class Backend implements AutoCloseable {

	static final String SIMULATOR_HISTORY_LAG = "campaign.simulator.history-lag";

	/**
	 * An application started once for many commands, with the system properties it was started with; {@code null}
	 * (always, in production: only tests set it, see {@link #share}).
	 */
	private static volatile Shared shared;

	private final ConfigurableApplicationContext context;

	/** The application this backend started, closed with it (and its database lock let go); {@code null} if shared. */
	private final SpringContexts.Started started;

	private Backend(ConfigurableApplicationContext context, SpringContexts.Started started) {
		this.context = context;
		this.started = started;
	}

	/**
	 * Starts the application.
	 * @param verbose log at INFO, Spring and Batch included
	 * @param properties {@code name=value} pairs that override every other source (e.g. the simulator's URL)
	 */
	static Backend start(boolean verbose, List<String> properties) {
		Shared reusable = shared;
		if (reusable != null && reusable.fits(verbose, properties)) {
			return new Backend(reusable.context(), null);
		}
		SpringContexts.Started started = SpringContexts.start(verbose, properties);
		return new Backend(started.context(), started);
	}

	/**
	 * Lets every command that would start the application with exactly these system properties set (and no other
	 * setting) use {@code context} instead, and leave it open; {@code null} ends it. For tests that run dozens of
	 * commands on one database (the bad-input corpus): a Spring start per command is most of their time, and what
	 * they assert (exit code, stdout, stderr, report) comes from the command line and the job, not from the start.
	 * Keyed by the system properties so that a command of another test, on another database, still starts its own.
	 */
	static void share(ConfigurableApplicationContext context, Map<String, String> systemProperties) {
		shared = context == null ? null : new Shared(context, Map.copyOf(systemProperties));
	}

	private record Shared(ConfigurableApplicationContext context, Map<String, String> systemProperties) {

		boolean fits(boolean verbose, List<String> properties) {
			return !verbose && properties.isEmpty() && this.context.isActive() && this.systemProperties.entrySet()
				.stream()
				.allMatch(property -> property.getValue().equals(System.getProperty(property.getKey())));
		}
	}

	/** The execution the operator named (with its steps and context), or a usage error naming the id. */
	JobExecution execution(long id) {
		return Executions.named(repository(), id);
	}

	/** The executions of the newest {@code instances} job instances, newest first. */
	List<JobExecution> recentExecutions(int instances) {
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
	List<JobExecution> unfinished(int instances) {
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
	List<LedgerCampaign> inDoubt(long jobInstanceId) {
		return ledger().inDoubt(jobInstanceId);
	}

	/** How long after its last POST a campaign in doubt may still be missing from ThingSpace's history. */
	Duration visibilityHorizon() {
		return this.context.getBean(SubmissionSettings.class).visibilityHorizon();
	}

	/** How long a SIGTERM waits for the running job to stop ({@code campaign.stop-timeout}). */
	Duration stopTimeout() {
		return this.context.getBean(JobSettings.class).stopTimeout();
	}

	/** The last execution of a step of this execution's job instance, or {@code null} if it never ran. */
	StepExecution lastStep(JobExecution execution, String stepName) {
		return repository().getLastStepExecution(execution.getJobInstance(), stepName);
	}

	/**
	 * The last execution of each job instance with a scheduled campaign not final yet, or a rollout not over
	 * ({@code track --open} and the {@code schedule} tick), oldest instance first.
	 */
	List<JobExecution> withOpenCampaigns() {
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
	RolloutLedger rolloutLedger() {
		return this.context.getBean(RolloutLedger.class);
	}

	/** Releases, halts and settles rollouts' waves at the API this application is pointed at. */
	Rollouts rollouts() {
		return this.context.getBean(Rollouts.class);
	}

	/** The {@code schedule} service's rollout policy ({@code campaign.rollout.*}); a usage error naming a bad one. */
	RolloutPolicy configuredRollout() {
		try {
			return this.context.getBean(RolloutSettings.class).policy();
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("campaign.rollout: " + ex.getMessage());
		}
	}

	JobRun launch(JobParameters parameters) throws Exception {
		return this.context.getBean(CampaignJobLauncher.class).launch(parameters);
	}

	JobRun restart(JobExecution execution, RunTarget session) throws Exception {
		return this.context.getBean(CampaignJobLauncher.class).restart(execution, session);
	}

	ResultsRepository results() {
		return this.context.getBean(ResultsRepository.class);
	}

	/** Where the scheduled campaigns and their devices stood when last tracked. */
	TrackingStore tracking() {
		return this.context.getBean(TrackingStore.class);
	}

	/** Reads the vendor's statuses (of the API this application is pointed at: see {@link VendorApi}). */
	CampaignTracker tracker() {
		return this.context.getBean(CampaignTracker.class);
	}

	/** Cancels or aborts campaigns at the API this application is pointed at. */
	CampaignCanceller canceller() {
		return this.context.getBean(CampaignCanceller.class);
	}

	/** Changes the dates, windows and devices of campaigns at the API this application is pointed at. */
	CampaignAmender amender() {
		return this.context.getBean(CampaignAmender.class);
	}

	/** The changes made to the scheduled campaigns ({@code status --execution}). */
	AmendmentStore amendments() {
		return this.context.getBean(AmendmentStore.class);
	}

	/** The online checks of {@code validate --online}, at the API this application is pointed at. */
	PreflightCheck preflight() {
		return this.context.getBean(PreflightCheck.class);
	}

	/** Moves another run's report out of the way of this instance's, unless this one supersedes it. */
	Optional<EarlierReports.Kept> keepEarlierReport(long jobInstanceId, Path report) {
		return this.context.getBean(EarlierReports.class).keepUnlessSuperseded(report, jobInstanceId);
	}

	long writeReport(long jobInstanceId, Path report) {
		return this.context.getBean(ResultsReportWriter.class).write(jobInstanceId, report);
	}

	/** Writes a report into an existing folder, replacing an existing file only when told to ({@code report}). */
	long writeReport(long jobInstanceId, Path report, SafeFiles.Existing existing) {
		return this.context.getBean(ResultsReportWriter.class).write(jobInstanceId, report, existing);
	}

	/** What the job database keeps and lets go. */
	Retention retention() {
		return new Retention(this.context.getBean(JdbcTemplate.class), repository(),
				this.context.getBean(PlatformTransactionManager.class), CampaignJobConfiguration.JOB_NAME,
				this.context.getBean(StagingStore.class));
	}

	/** The job database's URL as the application uses it. */
	String databaseUrl() {
		return SpringContexts.databaseUrl(this.context);
	}

	/**
	 * A finished dry run lets its staged rows go; 'status' still shows its devices per outcome, kept with the
	 * execution as a line of text.
	 */
	void forgetDryRun(JobExecution execution) {
		String did = StatusCommand.did(this, execution);
		execution.getExecutionContext().putString(StatusCommand.DEVICES_KEPT, did);
		repository().updateExecutionContext(execution);
		retention().forgetDryRun(execution.getJobInstanceId());
	}

	/** An execution with its context (the list of executions comes without). */
	JobExecution withContext(JobExecution execution) {
		JobExecution loaded = repository().getJobExecution(execution.getId());
		return loaded == null ? execution : loaded;
	}

	/** {@code run --simulate} / {@code schedule --simulate}: how far the simulator's history lags (default 0s). */
	Duration simulatedHistoryLag() {
		return this.context.getEnvironment().getProperty(SIMULATOR_HISTORY_LAG, Duration.class, Duration.ZERO);
	}

	/**
	 * Lets the in-process simulator offer the files this application's runs need, and apply the pilot limit and bad
	 * files configured for it ({@link SimulatedApi}).
	 */
	void provideSimulatedFiles(SimulatorServer simulator) {
		SimulatedApi.provideFiles(simulator, this.context);
		SimulatedApi.applyVendorRules(simulator, this.context);
	}

	/**
	 * The zone the vendor reads dates and windows in ({@code thingspace.time-zone}).
	 * @throws UsageException naming the setting when it is not a time zone
	 */
	ZoneId apiTimeZone() {
		try {
			return thingSpace().apiTimeZone();
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	/** The real API this application is configured for. */
	RunTarget realApi() {
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

	@Override
	public void close() {
		if (this.started != null) {
			this.started.close();
		}
	}
}
