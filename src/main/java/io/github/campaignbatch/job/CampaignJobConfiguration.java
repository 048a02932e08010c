package io.github.campaignbatch.job;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.campaign.CampaignGrouper;
import io.github.campaignbatch.campaign.DeviceEntryStore;
import io.github.campaignbatch.campaign.GroupingSettings;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.input.ReadOptions;
import io.github.campaignbatch.input.SpreadsheetItemReader;
import io.github.campaignbatch.preflight.PreflightStepListener;
import io.github.campaignbatch.report.ResultsReportWriter;
import io.github.campaignbatch.report.ResultsRepository;
import io.github.campaignbatch.submission.CampaignSubmissionWriter;
import io.github.campaignbatch.submission.CampaignSubmitter;
import io.github.campaignbatch.submission.Reconciler;
import io.github.campaignbatch.submission.RunLease;
import io.github.campaignbatch.submission.SubmissionLedger;
import io.github.campaignbatch.submission.SubmissionSettings;
import io.github.campaignbatch.submission.SubmissionStepListener;
import io.github.campaignbatch.submission.UnfinishedCampaignReader;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceProperties;
import io.github.campaignbatch.validation.DateParser;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.RowValidator;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The campaign job: load → group → (submit, unless a dry run) → report. Wiring only; every rule lives in the
 * feature packages.
 */
@Configuration(proxyBeanMethods = false)
public class CampaignJobConfiguration {

	public static final String JOB_NAME = "campaignJob";

	static final String DRY_RUN = "DRY_RUN";

	@Bean
	Job campaignJob(JobRepository jobRepository, Step loadStep, Step groupStep, Step submitStep, Step reportStep,
			GracefulShutdown gracefulShutdown) {
		JobExecutionDecider dryRunDecider = (jobExecution, stepExecution) -> new FlowExecutionStatus(
				CampaignJobParameters.isDryRun(jobExecution.getJobParameters()) ? DRY_RUN : "SUBMIT");
		return new JobBuilder(JOB_NAME, jobRepository).listener(gracefulShutdown)
			.start(loadStep)
			.next(groupStep)
			.next(dryRunDecider)
			.on(DRY_RUN)
			.to(reportStep)
			.from(dryRunDecider)
			.on("*")
			.to(submitStep)
			.next(reportStep)
			.end()
			.build();
	}

	@Bean
	Step loadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SpreadsheetItemReader inputReader, ItemProcessor<InputRow, List<DeviceEntry>> rowValidation,
			ItemWriter<List<DeviceEntry>> entryWriter, GroupingSettings settings,
			@Value("${campaign.progress-interval:5s}") Duration progressInterval) {
		return new StepBuilder("load", jobRepository).<InputRow, List<DeviceEntry>>chunk(settings.loadChunkSize())
			.transactionManager(transactionManager)
			.reader(inputReader)
			.processor(rowValidation)
			.writer(entryWriter)
			.listener(StepProgressListener.rowsRead(progressInterval))
			.build();
	}

	@Bean
	@StepScope
	SpreadsheetItemReader inputReader(@Value("#{jobParameters['" + CampaignJobParameters.INPUT_FILE + "']}") String file,
			@Value("#{jobParameters['" + CampaignJobParameters.SHEET + "']}") String sheet) {
		return new SpreadsheetItemReader(Path.of(file), new ReadOptions(sheet));
	}

	@Bean
	@StepScope
	ItemProcessor<InputRow, List<DeviceEntry>> rowValidation(
			@Value("#{jobParameters['" + CampaignJobParameters.ACCOUNT + "']}") String account,
			@Value("#{jobParameters['" + CampaignJobParameters.TODAY + "']}") String today,
			@Value("#{jobParameters['" + CampaignJobParameters.DATE_FORMAT + "']}") String dateFormat,
			@Value("#{jobParameters['" + CampaignJobParameters.INPUT_SHA256 + "']}") String inputSha256) {
		RowValidator validator = new RowValidator(account, LocalDate.parse(today), new DateParser(dateFormat), inputSha256);
		return validator::validate;
	}

	@Bean
	@StepScope
	ItemWriter<List<DeviceEntry>> entryWriter(DeviceEntryStore store,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
		return chunk -> {
			List<DeviceEntry> entries = new ArrayList<>();
			chunk.forEach(entries::addAll);
			store.insert(jobInstanceId, entries);
		};
	}

	@Bean
	Step groupStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, CampaignGrouper grouper,
			GroupingSettings settings) {
		Tasklet group = (contribution, chunkContext) -> {
			long jobInstanceId = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstanceId();
			contribution.incrementWriteCount(grouper.group(jobInstanceId, settings.maxDevicesPerCampaign()));
			return RepeatStatus.FINISHED;
		};
		return new StepBuilder("group", jobRepository).tasklet(group, transactionManager).build();
	}

	@Bean
	Step submitStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			UnfinishedCampaignReader unfinishedCampaigns, CampaignSubmissionWriter campaignSubmission,
			SubmissionStepListener submissionListener, PreflightStepListener preflightListener, SubmissionSettings settings,
			SubmissionLedger ledger, @Value("${campaign.progress-interval:5s}") Duration progressInterval) {
		return new StepBuilder("submit", jobRepository).<Long, Long>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(unfinishedCampaigns)
			.writer(campaignSubmission)
			.listener(submissionListener)
			// After the ledger's preparation, before the first POST: files available, devices not in active campaigns.
			.listener(preflightListener)
			.listener(StepProgressListener.campaignsSubmitted(progressInterval, ledger))
			.build();
	}

	@Bean
	@StepScope
	UnfinishedCampaignReader unfinishedCampaigns(SubmissionLedger ledger,
			@Value("#{stepExecution.jobExecution.jobInstanceId}") long jobInstanceId) {
		return new UnfinishedCampaignReader(ledger, jobInstanceId);
	}

	@Bean
	@StepScope
	CampaignSubmissionWriter campaignSubmission(SubmissionLedger ledger, @Lazy ThingSpaceClient client,
			@Lazy Reconciler reconciler, SubmissionSettings settings, ThingSpaceProperties thingSpace) {
		return new CampaignSubmissionWriter(new CampaignSubmitter(ledger, client, reconciler, settings),
				thingSpace.getMaxInFlight());
	}

	@Bean
	@StepScope
	SubmissionStepListener submissionListener(SubmissionLedger ledger, @Lazy Reconciler reconciler) {
		return new SubmissionStepListener(ledger, reconciler);
	}

	@Bean
	Step reportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ResultsReportWriter reportWriter) {
		Tasklet report = (contribution, chunkContext) -> {
			var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
			long lines = reportWriter.write(jobExecution.getJobInstanceId(),
					CampaignJobParameters.reportFile(jobExecution.getJobParameters()));
			contribution.incrementWriteCount(lines);
			return RepeatStatus.FINISHED;
		};
		// The report is cheap to write again and must reflect the latest outcome after every restart.
		return new StepBuilder("report", jobRepository).tasklet(report, transactionManager).allowStartIfComplete(true).build();
	}

	/** A run whose heartbeat is older than this is considered dead, and its job instance may be taken over. */
	@Bean
	RunLease runLease(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
			@Value("${campaign.lease-time-to-live:30s}") Duration timeToLive) {
		return new RunLease(jdbc, transactionManager, clock, timeToLive);
	}

	@Bean
	GracefulShutdown gracefulShutdown(@Value("${campaign.stop-timeout:60s}") Duration stopTimeout) {
		return new GracefulShutdown(stopTimeout);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	DeviceEntryStore deviceEntryStore(JdbcTemplate jdbc) {
		return new DeviceEntryStore(jdbc);
	}

	@Bean
	CampaignGrouper campaignGrouper(JdbcTemplate jdbc) {
		return new CampaignGrouper(jdbc);
	}

	@Bean
	ResultsRepository resultsRepository(JdbcTemplate jdbc) {
		return new ResultsRepository(jdbc);
	}

	@Bean
	ResultsReportWriter resultsReportWriter(ResultsRepository results) {
		return new ResultsReportWriter(results);
	}

	@Bean
	SubmissionLedger submissionLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		return new SubmissionLedger(jdbc, transactionManager, clock);
	}

	@Bean
	@Lazy
	Reconciler reconciler(SubmissionLedger ledger, @Lazy ThingSpaceClient client) {
		return new Reconciler(ledger, client);
	}
}
