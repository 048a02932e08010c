package io.github.campaignbatch.application;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.report.DeviceOutcome;
import io.github.campaignbatch.rollout.Rollouts;
import io.github.campaignbatch.tracking.CampaignTracker;
import io.github.campaignbatch.tracking.DeviceProgress;

import org.springframework.batch.core.job.JobExecution;

/**
 * Tracks the scheduled campaigns of some job instances, each against the API it ran against (the simulated ones
 * against the simulator's state file), moves their rollouts on (the next wave when its gate passes, a halt when it
 * fails), rewrites their reports and prints one line per execution and one per rollout event. Shared by
 * {@code track} and the {@code schedule} tick.
 */
public final class Tracking {

	private final ApplicationFactory applications;

	private final Application application;

	private final boolean verbose;

	private final PrintWriter out;

	private final PrintWriter err;

	public Tracking(ApplicationFactory applications, Application application, boolean verbose, PrintWriter out, PrintWriter err) {
		this.applications = applications;
		this.application = application;
		this.verbose = verbose;
		this.out = out;
		this.err = err;
	}

	/**
	 * @param reportOf where an execution's report lies now; {@code null}: leave it alone
	 * @return 0 nothing failed, 3 some devices failed or were rejected (or a rollout halted), 1 some campaign could not
	 * be read
	 */
	public int track(List<JobExecution> executions, Function<JobExecution, Path> reportOf) {
		List<JobExecution> real = new ArrayList<>();
		List<JobExecution> simulated = new ArrayList<>();
		for (JobExecution execution : executions) {
			(RunTarget.of(execution.getJobParameters()).simulated() ? simulated : real).add(execution);
		}
		int exitCode = ExitCodes.OK;
		if (!real.isEmpty()) {
			try (Application api = this.applications.api(false, this.application, this.verbose)) {
				exitCode = worst(exitCode, trackEach(api, real, reportOf));
			}
		}
		if (!simulated.isEmpty()) {
			try (Application api = this.applications.api(true, this.application, this.verbose)) {
				exitCode = worst(exitCode, trackEach(api, simulated, reportOf));
			}
		}
		return exitCode;
	}

	private int trackEach(Application api, List<JobExecution> executions, Function<JobExecution, Path> reportOf) {
		CampaignTracker tracker = api.tracker();
		int exitCode = ExitCodes.OK;
		for (JobExecution execution : executions) {
			long instance = execution.getJobInstanceId();
			CampaignTracker.Outcome outcome = tracker.track(instance);
			// the gates read what was just stored; a wave released now is polled by the next track
			List<Rollouts.Event> rollouts = api.rollouts().advance(instance);
			DeviceProgress progress = this.application.tracking().progress(instance);
			String report = refreshReport(execution, reportOf);
			// A campaign in doubt has no ThingSpace id to read yet: say so rather than let its devices go unmentioned.
			String inDoubt = ExecutionStatus.inDoubt(this.application, instance);
			this.out.println("Execution " + execution.getId() + " (" + inputName(execution) + "): " + outcome.polled()
					+ " campaign(s) read" + (outcome.finishedBefore() > 0 ? ", " + outcome.finishedBefore()
							+ " final earlier" : "") + "; devices: " + progress.describe() + report
					+ (inDoubt == null ? "" : "; not tracked, " + inDoubt));
			for (Rollouts.Event event : rollouts) {
				this.out.println("  " + RunReporter.printable(event.text()));
			}
			for (String problem : outcome.unreadable()) {
				this.err.println("error: execution " + execution.getId() + ": " + problem);
			}
			int code = outcome.apiUnreadable() ? ExitCodes.FAILED
					: progress.failed() > 0 || rejectedInRun(instance) ? ExitCodes.REJECTED : ExitCodes.OK;
			exitCode = worst(exitCode, code);
		}
		return exitCode;
	}

	/** Devices that failed or were rejected in the run; those in doubt are neither (yet). */
	private boolean rejectedInRun(long jobInstanceId) {
		Map<DeviceOutcome, Long> counts = this.application.results().outcomeCounts(jobInstanceId);
		return counts.entrySet().stream().anyMatch(entry -> !entry.getKey().isSuccessful()
				&& entry.getKey() != DeviceOutcome.UNKNOWN && entry.getValue() > 0);
	}

	private String refreshReport(JobExecution execution, Function<JobExecution, Path> reportOf) {
		Path report = reportOf == null ? null : reportOf.apply(execution);
		if (report == null) {
			return "";
		}
		if (!Files.exists(report)) {
			return "; report " + RunReporter.printable(report.toString()) + " not found, not rewritten ('report --execution "
					+ execution.getId() + " --output FILE' writes one)";
		}
		this.application.writeReport(execution.getJobInstanceId(), report);
		return "; report " + RunReporter.printable(report.toString()) + " rewritten";
	}

	/** Rewrites the report where the run wrote it, when it is still there (a cancel changed vendor statuses). */
	public static void refreshReport(Application application, JobExecution execution) {
		Path report = reportWhereTheRunWroteIt(execution);
		if (Files.exists(report)) {
			application.writeReport(execution.getJobInstanceId(), report);
		}
	}

	/** The report where the run wrote it, when it is still there. */
	public static Path reportWhereTheRunWroteIt(JobExecution execution) {
		return CampaignJobParameters.reportFile(execution.getJobParameters());
	}

	/** The input's name as printed: from whoever dropped the file, so cleaned of line breaks and control characters. */
	private static String inputName(JobExecution execution) {
		return RunReporter.printable(CampaignJobParameters.inputFile(execution.getJobParameters()).getFileName().toString());
	}

	/** 1 before 3 before 0. */
	public static int worst(int a, int b) {
		if (a == ExitCodes.FAILED || b == ExitCodes.FAILED) {
			return ExitCodes.FAILED;
		}
		return Math.max(a, b);
	}
}
