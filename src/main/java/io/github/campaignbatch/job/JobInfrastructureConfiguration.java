package io.github.campaignbatch.job;

import java.time.Clock;

import io.github.campaignbatch.preflight.PreflightCheck;
import io.github.campaignbatch.preflight.PreflightStepListener;
import io.github.campaignbatch.report.EarlierReports;
import io.github.campaignbatch.report.ResultsReportWriter;
import io.github.campaignbatch.report.ResultsRepository;
import io.github.campaignbatch.staging.CampaignPlanning;
import io.github.campaignbatch.staging.StagingSettings;
import io.github.campaignbatch.staging.StagingStore;
import io.github.campaignbatch.submission.Reconciler;
import io.github.campaignbatch.submission.RunLease;
import io.github.campaignbatch.submission.SubmissionLedger;
import io.github.campaignbatch.submission.SubmissionSettings;
import io.github.campaignbatch.thingspace.ThingSpaceClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The plain objects the job's steps and the commands use (stores, ledger, lease, clock), apart from the job's
 * wiring in {@link CampaignJobConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class JobInfrastructureConfiguration {

	@Bean
	RunLease runLease(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock, JobSettings settings) {
		return new RunLease(jdbc, transactionManager, clock, settings.leaseTimeToLive());
	}

	@Bean
	GracefulShutdown gracefulShutdown(JobSettings settings) {
		return new GracefulShutdown(settings.stopTimeout());
	}

	@Bean
	PreflightStepListener preflightStepListener(@Lazy PreflightCheck check) {
		return new PreflightStepListener(check, CampaignJobParameters::today);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	StagingStore stagingStore(JdbcTemplate jdbc, StagingSettings settings) {
		return new StagingStore(jdbc, settings);
	}

	@Bean
	CampaignPlanning campaignPlanning(StagingStore staging, JdbcTemplate jdbc) {
		return new CampaignPlanning(staging, jdbc);
	}

	@Bean
	ResultsRepository resultsRepository(JdbcTemplate jdbc, StagingStore staging) {
		return new ResultsRepository(jdbc, staging);
	}

	@Bean
	EarlierReports earlierReports(JdbcTemplate jdbc) {
		return new EarlierReports(jdbc);
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
	Reconciler reconciler(SubmissionLedger ledger, @Lazy ThingSpaceClient client, Clock clock,
			SubmissionSettings settings) {
		return new Reconciler(ledger, client, clock, settings.visibilityHorizon());
	}
}
