package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.Map;

import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.JobRun;
import io.github.campaignbatch.preflight.PreflightCheck;
import io.github.campaignbatch.report.DeviceOutcome;
import io.github.campaignbatch.report.ResultsReportWriter;
import io.github.campaignbatch.report.ResultsRepository;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code validate --online}: the dry run, then the pre-flight checks of a real run against ThingSpace (or the
 * simulator) on the dry run's campaigns, and the report written again with their outcome. Only reads are sent.
 */
final class OnlineValidation {

	private OnlineValidation() {
	}

	static int execute(InputOptions options, boolean simulate, PrintWriter out, PrintWriter err) {
		JobCommand.precheck(options, err);
		try (Session session = Session.open(options.verbose, true, simulate, true, out, err)) {
			int exitCode = session.run(options, true);
			JobRun run = session.lastRun();
			if (exitCode != ExitCodes.OK && exitCode != ExitCodes.REJECTED || run == null) {
				return exitCode;
			}
			ConfigurableApplicationContext context = session.context();
			JobExecution execution = run.execution();
			PreflightCheck.Outcome outcome = context.getBean(PreflightCheck.class)
				.check(execution.getJobInstanceId(), CampaignJobParameters.today(execution.getJobParameters()));
			for (String warning : outcome.warnings()) {
				err.println("warning: " + warning);
			}
			context.getBean(ResultsReportWriter.class).write(execution.getJobInstanceId(),
					CampaignJobParameters.reportFile(execution.getJobParameters()));
			out.println("Online checks: " + outcome.campaignsRejected() + " campaign(s) would not be sent, "
					+ outcome.devicesTakenOut() + " device(s) already in an active campaign; nothing was created"
					+ " (report written again: " + CampaignJobParameters.reportFile(execution.getJobParameters()) + ")");
			Map<DeviceOutcome, Long> counts = context.getBean(ResultsRepository.class)
				.outcomeCounts(execution.getJobInstanceId());
			boolean rejected = counts.entrySet().stream().anyMatch(e -> !e.getKey().isSuccessful() && e.getValue() > 0);
			return rejected ? ExitCodes.REJECTED : ExitCodes.OK;
		}
	}
}
