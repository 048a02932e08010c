package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.ApplicationFactory;
import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.JobRuns;
import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.JobRun;
import io.github.campaignbatch.preflight.PreflightCheck;
import io.github.campaignbatch.report.DeviceOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code validate}: a dry run. Reads, validates and groups the input and writes the report; sends nothing.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Dry run: read, validate and group the input, write the results report, send nothing.",
				"Can be repeated on the same file as often as wanted." })
class ValidateCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	ValidateCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

	@Mixin
	InputOptions options;

	@picocli.CommandLine.Option(names = "--online",
			description = "Also run the pre-flight checks against ThingSpace (files available to the account, devices"
					+ " already in an active campaign of this database); reads only, creates nothing.")
	boolean online;

	@picocli.CommandLine.Option(names = "--simulate", description = "With --online: check against the bundled simulator.")
	boolean simulate;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (this.online) {
			return online(this.applications, this.options, this.simulate, this.spec.commandLine().getOut(),
					this.spec.commandLine().getErr());
		}
		return RunCommand.execute(this.applications, this.options, SendOptions.dryRunOnly(), this.spec.commandLine().getOut(),
				this.spec.commandLine().getErr());
	}

	/**
	 * {@code validate --online}: the dry run, then the pre-flight checks of a real run against ThingSpace (or the
	 * simulator) on the dry run's campaigns, and the report written again with their outcome. Only reads are sent.
	 */
	private static int online(ApplicationFactory applications, InputOptions options, boolean simulate, PrintWriter out,
			PrintWriter err) {
		SendOptions dryRun = SendOptions.dryRunOnly();
		InputFingerprint.Pending fingerprint = options.precheck(false, err);
		try (Application application = dryRun.start(applications, options.run.logging.verbose, List.of(), true, out)) {
			JobRuns session = JobRuns.on(application, out, err).keepingDryRunRows();
			int exitCode = session.run(options.request(session), fingerprint).exitCode();
			JobRun run = session.lastRun();
			if (exitCode != ExitCodes.OK && exitCode != ExitCodes.REJECTED || run == null) {
				return exitCode;
			}
			JobExecution execution = run.execution();
			try {
				return check(applications, session, execution, simulate, options, out, err);
			}
			finally {
				// the checks have read the dry run's rows and the report is written again: let them go, as any dry run
				session.application().forgetDryRun(execution);
			}
		}
	}

	private static int check(ApplicationFactory applications, JobRuns session, JobExecution execution, boolean simulate, InputOptions options,
			PrintWriter out, PrintWriter err) {
		PreflightCheck.Outcome outcome;
		try (Application api = applications.api(simulate, session.application(), options.run.logging.verbose)) {
			outcome = api.preflight().check(execution.getJobInstanceId(),
					CampaignJobParameters.today(execution.getJobParameters()));
		}
		for (String warning : outcome.warnings()) {
			err.println("warning: " + warning);
		}
		var report = CampaignJobParameters.reportFile(execution.getJobParameters());
		session.application().writeReport(execution.getJobInstanceId(), report);
		out.println("Online checks: " + outcome.campaignsRejected() + " campaign(s) would not be sent, "
				+ outcome.devicesTakenOut() + " device(s) already in an active campaign; nothing was created"
				+ " (report written again: " + report + ")");
		Map<DeviceOutcome, Long> counts = session.application().results().outcomeCounts(execution.getJobInstanceId());
		boolean rejected = counts.entrySet().stream().anyMatch(e -> !e.getKey().isSuccessful() && e.getValue() > 0);
		return rejected ? ExitCodes.REJECTED : ExitCodes.OK;
	}
}
