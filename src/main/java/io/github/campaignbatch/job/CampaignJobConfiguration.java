package io.github.campaignbatch.job;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import io.github.campaignbatch.campaign.GroupingSettings;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.input.ReadOptions;
import io.github.campaignbatch.input.SpreadsheetItemReader;
import io.github.campaignbatch.job.StepCheckpointListener.Checkpoint;
import io.github.campaignbatch.preflight.PreflightStepListener;
import io.github.campaignbatch.report.EarlierReports;
import io.github.campaignbatch.report.ResultsReportWriter;
import io.github.campaignbatch.staging.CampaignPlanning;
import io.github.campaignbatch.staging.StagingStore;
import io.github.campaignbatch.staging.StagingWriter;
import io.github.campaignbatch.submission.CampaignSubmissionWriter;
import io.github.campaignbatch.submission.CampaignSubmitter;
import io.github.campaignbatch.submission.EndOfSending;
import io.github.campaignbatch.submission.InDoubtCampaigns;
import io.github.campaignbatch.submission.Reconciler;
import io.github.campaignbatch.submission.SubmissionLedger;
import io.github.campaignbatch.submission.SubmissionSettings;
import io.github.campaignbatch.submission.SubmissionStepListener;
import io.github.campaignbatch.submission.UnfinishedCampaignReader;
import io.github.campaignbatch.submission.VendorHistoryLookup;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceProperties;
import io.github.campaignbatch.validation.DateParser;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.RowValidator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The campaign job: load → group → (submit, unless a dry run) → report. The job, its steps and their step-scoped
 * readers and writers only; the objects they use are made in {@link JobInfrastructureConfiguration}, every rule
 * lives in the feature packages.
 */
@Configuration(proxyBeanMethods = false)
public class CampaignJobConfiguration {

	public static final String JOB_NAME = "campaignJob";

	/** The steps' names, as the job repository records them. */
	public static final String LOAD_STEP = "load";

	public static final String GROUP_STEP = "group";

	public static final String SUBMIT_STEP = "submit";

	public static final String REPORT_STEP = "report";

	/** The load step's warnings (campaigns spanning a daylight-saving change), a list of lines in its context. */
	public static final String LOAD_WARNINGS = "load.warnings";

	/** Job execution context: where the report this run found in its place was kept ({@link EarlierReports}). */
	public static final String EARLIER_REPORT = "report.earlier";

	/** The step-scoped beans read the job's parameters through this one expression and its typed accessors. */
	private static final String JOB_PARAMETERS = "#{stepExecution.jobExecution.jobParameters}";

	private static final String JOB_INSTANCE_ID = "#{stepExecution.jobExecution.jobInstanceId}";

	private static final Logger log = LoggerFactory.getLogger(CampaignJobConfiguration.class);

	/** The report step's checkpoint comes once this many lines are written. */
	private static final long REPORT_PAUSE_AFTER_LINES = 10;

	/** What comes after grouping: a dry run goes straight to the report. */
	enum Route {
		SUBMIT, DRY_RUN;

		FlowExecutionStatus status() {
			return new FlowExecutionStatus(name());
		}
	}

	@Bean
	Job campaignJob(JobRepository jobRepository, Step loadStep, Step groupStep, Step submitStep, Step reportStep,
			GracefulShutdown gracefulShutdown) {
		JobExecutionDecider afterGrouping = (jobExecution, stepExecution) -> (CampaignJobParameters
			.isDryRun(jobExecution.getJobParameters()) ? Route.DRY_RUN : Route.SUBMIT).status();
		return new JobBuilder(JOB_NAME, jobRepository).listener(gracefulShutdown)
			.start(loadStep)
			.next(groupStep)
			.next(afterGrouping)
			.on(Route.DRY_RUN.name())
			.to(reportStep)
			.from(afterGrouping)
			.on(Route.SUBMIT.name())
			.to(submitStep)
			.next(reportStep)
			.end()
			.build();
	}

	@Bean
	Step loadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SpreadsheetItemReader inputReader, RowValidation rowValidation, StagingWriter entryWriter,
			GroupingSettings settings, JobSettings jobSettings, ObjectProvider<StepCheckpointListener> checkpoints) {
		StepCheckpointListener checkpoint = checkpoints.getIfAvailable(() -> StepCheckpointListener.NONE);
		return new StepBuilder(LOAD_STEP, jobRepository).<InputRow, List<DeviceEntry>>chunk(settings.loadChunkSize())
			.transactionManager(transactionManager)
			.reader(inputReader)
			.processor(rowValidation)
			.writer(entryWriter)
			.listener(StepProgressListener.rowsRead(jobSettings.progressInterval(), inputReader))
			.listener((StepExecutionListener) rowValidation)
			.listener(new ItemWriteListener<List<DeviceEntry>>() {
				@Override
				public void afterWrite(Chunk<? extends List<DeviceEntry>> items) {
					checkpoint.reached(Checkpoint.LOAD);
				}
			})
			.build();
	}

	@Bean
	@StepScope
	SpreadsheetItemReader inputReader(@Value(JOB_PARAMETERS) JobParameters parameters) {
		SpreadsheetItemReader reader = new SpreadsheetItemReader(CampaignJobParameters.inputFile(parameters),
				new ReadOptions(CampaignJobParameters.sheet(parameters)));
		// a restarted load stages the input again from its first row (see StagingWriter), so no row count is kept
		reader.setSaveState(false);
		return reader;
	}

	@Bean
	@StepScope
	RowValidation rowValidation(@Value(JOB_PARAMETERS) JobParameters parameters, ThingSpaceProperties thingSpace) {
		ZoneId apiZone = CampaignJobParameters.apiTimeZone(parameters);
		return new RowValidation(new RowValidator(CampaignJobParameters.account(parameters),
				CampaignJobParameters.today(parameters), new DateParser(CampaignJobParameters.dateFormat(parameters)),
				CampaignJobParameters.inputSha256(parameters), CampaignJobParameters.timeZone(parameters),
				apiZone != null ? apiZone : thingSpace.apiTimeZone()));
	}

	@Bean
	@StepScope
	StagingWriter entryWriter(StagingStore store, @Value(JOB_INSTANCE_ID) long jobInstanceId,
			SpreadsheetItemReader inputReader) {
		return new StagingWriter(store, jobInstanceId, inputReader::endReached);
	}

	@Bean
	Step groupStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, CampaignPlanning planning,
			GroupingSettings settings, ObjectProvider<StepCheckpointListener> checkpoints) {
		StepCheckpointListener checkpoint = checkpoints.getIfAvailable(() -> StepCheckpointListener.NONE);
		Tasklet group = (contribution, chunkContext) -> {
			var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
			StepPhases phases = new StepPhases(GROUP_STEP);
			contribution.incrementWriteCount(planning.plan(jobExecution.getJobInstanceId(), settings.maxDevicesPerCampaign(),
					CampaignJobParameters.rollout(jobExecution.getJobParameters()),
					CampaignJobParameters.isDryRun(jobExecution.getJobParameters()), phase -> {
				phases.start(phase);
				if (phase.equals(CampaignPlanning.LEDGER_PHASE)) {
					checkpoint.reached(Checkpoint.GROUP);
				}
			}));
			phases.done();
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder(GROUP_STEP, jobRepository).tasklet(group, transactionManager).build();
	}

	@Bean
	Step submitStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			UnfinishedCampaignReader unfinishedCampaigns, CampaignSubmissionWriter campaignSubmission,
			SubmissionStepListener submissionListener, PreflightStepListener preflightListener, EndOfSending endOfSending,
			SubmissionSettings settings, SubmissionLedger ledger, JobSettings jobSettings) {
		return new StepBuilder(SUBMIT_STEP, jobRepository).<Long, Long>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(unfinishedCampaigns)
			.writer(campaignSubmission)
			.listener(submissionListener)
			// After the chunk with the last campaign, still inside the step: a stop or a kill there leaves it restartable.
			.listener(endOfSending)
			// After the ledger's preparation, before the first POST: files available, devices not in active campaigns.
			.listener(preflightListener)
			.listener(StepProgressListener.campaignsSubmitted(jobSettings.progressInterval(), ledger))
			.build();
	}

	@Bean
	@StepScope
	UnfinishedCampaignReader unfinishedCampaigns(SubmissionLedger ledger,
			@Value(JOB_INSTANCE_ID) long jobInstanceId) {
		return new UnfinishedCampaignReader(ledger, jobInstanceId);
	}

	@Bean
	@StepScope
	CampaignSubmissionWriter campaignSubmission(SubmissionLedger ledger, @Lazy ThingSpaceClient client,
			@Lazy Reconciler reconciler, SubmissionSettings settings, ThingSpaceProperties thingSpace, Clock clock) {
		// Plain objects, not step-scoped beans: the workers and the settler call them on threads of their own,
		// where a step-scoped proxy has no step to resolve against.
		CampaignSubmitter submitter = new CampaignSubmitter(ledger, client, reconciler, settings, clock);
		return new CampaignSubmissionWriter(submitter, new InDoubtCampaigns(ledger, reconciler, submitter, settings, clock),
				ledger, thingSpace.maxInFlight(), settings.unreachableAfter());
	}

	@Bean
	@StepScope
	EndOfSending endOfSending(SubmissionLedger ledger, UnfinishedCampaignReader unfinishedCampaigns,
			CampaignSubmissionWriter campaignSubmission, SubmissionSettings settings,
			@Value("#{stepExecution}") StepExecution stepExecution) {
		// SIGTERM (GracefulShutdown) marks the running step terminate-only: the wait for campaigns in doubt ends then.
		return new EndOfSending(ledger, campaignSubmission.inDoubt(), unfinishedCampaigns, settings.visibilityHorizon(),
				settings.waitForHorizon(),
				() -> stepExecution.isTerminateOnly() || stepExecution.getJobExecution().isStopping(),
				stepExecution.getJobExecution().getJobInstanceId());
	}

	@Bean
	@StepScope
	SubmissionStepListener submissionListener(SubmissionLedger ledger, @Lazy Reconciler reconciler,
			CampaignSubmissionWriter campaignSubmission, @Lazy ThingSpaceClient client) {
		return new SubmissionStepListener(ledger, reconciler, campaignSubmission.inDoubt(),
				new VendorHistoryLookup(ledger, client));
	}

	@Bean
	Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ResultsReportWriter reportWriter, EarlierReports earlierReports, JobSettings jobSettings,
			ObjectProvider<StepCheckpointListener> checkpoints) {
		StepCheckpointListener checkpoint = checkpoints.getIfAvailable(() -> StepCheckpointListener.NONE);
		Tasklet report = (contribution, chunkContext) -> {
			var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
			Path reportFile = CampaignJobParameters.reportFile(jobExecution.getJobParameters());
			earlierReports.keepUnlessSuperseded(reportFile, jobExecution.getJobInstanceId())
				.ifPresent(kept -> {
					log.info("Earlier report: {}", kept.describe());
					jobExecution.getExecutionContext().putString(EARLIER_REPORT, kept.describe());
				});
			ProgressMeter meter = new ProgressMeter(REPORT_STEP, "lines written", ProgressMeter.UNKNOWN,
					jobSettings.progressInterval(), System::nanoTime, log::info);
			long[] counted = { 0 };
			long lines = reportWriter.write(jobExecution.getJobInstanceId(), reportFile, written -> {
				meter.advance(written - counted[0]);
				// once, while the report is still a temporary file (the SQL writer tells all its lines at once)
				if (counted[0] < REPORT_PAUSE_AFTER_LINES && written >= REPORT_PAUSE_AFTER_LINES) {
					checkpoint.reached(Checkpoint.REPORT);
				}
				counted[0] = written;
			});
			log.info(meter.summary());
			contribution.incrementWriteCount(lines);
			return RepeatStatus.FINISHED;
		};
		// The report is cheap to write again and must reflect the latest outcome after every restart.
		return new StepBuilder(REPORT_STEP, jobRepository).tasklet(report, transactionManager).allowStartIfComplete(true).build();
	}
}
