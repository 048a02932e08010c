package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.Map;

import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.JobRun;
import io.github.campaignbatch.preflight.PreflightCheck;
import io.github.campaignbatch.report.DeviceOutcome;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code validate --online}: the dry run, then the pre-flight checks of a real run against ThingSpace (or the
 * simulator) on the dry run's campaigns, and the report written again with their outcome. Only reads are sent.
 */
final class OnlineValidation {

	private OnlineValidation() {
	}

	static int execute(InputOptions options, boolean simulate, PrintWriter out, PrintWriter err) {
		SendOptions dryRun = SendOptions.dryRunOnly();
		JobCommand.precheck(options, false, err);
		try (Session session = Session.open(options.run.logging.verbose, dryRun, out, err).keepingDryRunRows()) {
			int exitCode = session.run(options).exitCode();
			JobRun run = session.lastRun();
			if (exitCode != ExitCodes.OK && exitCode != ExitCodes.REJECTED || run == null) {
				return exitCode;
			}
			JobExecution execution = run.execution();
			try {
				return check(session, execution, simulate, options, out, err);
			}
			finally {
				// the checks have read the dry run's rows and the report is written again: let them go, as any dry run
				session.backend().forgetDryRun(execution);
			}
		}
	}

	private static int check(Session session, JobExecution execution, boolean simulate, InputOptions options,
			PrintWriter out, PrintWriter err) {
		PreflightCheck.Outcome outcome;
		try (VendorApi api = simulate ? VendorApi.simulated(options.run.logging.verbose)
				: VendorApi.real(session.backend())) {
			outcome = api.backend().preflight().check(execution.getJobInstanceId(),
					CampaignJobParameters.today(execution.getJobParameters()));
		}
		for (String warning : outcome.warnings()) {
			err.println("warning: " + warning);
		}
		var report = CampaignJobParameters.reportFile(execution.getJobParameters());
		session.backend().writeReport(execution.getJobInstanceId(), report);
		out.println("Online checks: " + outcome.campaignsRejected() + " campaign(s) would not be sent, "
				+ outcome.devicesTakenOut() + " device(s) already in an active campaign; nothing was created"
				+ " (report written again: " + report + ")");
		Map<DeviceOutcome, Long> counts = session.backend().results().outcomeCounts(execution.getJobInstanceId());
		boolean rejected = counts.entrySet().stream().anyMatch(e -> !e.getKey().isSuccessful() && e.getValue() > 0);
		return rejected ? ExitCodes.REJECTED : ExitCodes.OK;
	}
}
