package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.RunReporter;
import io.github.campaignbatch.application.ExecutionStatus;
import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.ExecutionActivity;
import io.github.campaignbatch.job.CampaignJobLauncher;
import io.github.campaignbatch.job.GracefulShutdown;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.output.TerminalText;
import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.application.ApplicationFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * {@code status}: recent executions, newest first: each with its target and what that execution itself did, and
 * the one-line reason of a failure.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = { "Show recent executions, newest first.",
		"TARGET is 'simulator' for --simulate runs, else the real API's origin.",
		"DID is what that execution did: rows it read, devices per campaign state for the campaigns it changed last.",
		"A failed, stopped or abandoned execution has its reason on the next line." })
class StatusCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	StatusCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final String ROW = "%-6s %-32s %-16s %-26s %-19s %-9s %-10s %s%n";

	@Option(names = "--last", paramLabel = "N", defaultValue = "10", description = "How many executions (default 10).")
	int last;

	@Option(names = "--execution", paramLabel = "ID",
			description = "One execution in detail: devices by outcome and by their status at ThingSpace (see 'track').")
	Long executionId;

	@Mixin
	VerboseOption logging;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (this.last < 1) {
			throw new ParameterException(this.spec.commandLine(), "--last must be 1 or more, was " + this.last);
		}
		PrintWriter out = this.spec.commandLine().getOut();
		try (Application application = this.applications.start(this.logging.verbose)) {
			if (this.executionId != null) {
				return ExecutionStatus.print(application, application.execution(this.executionId), out);
			}
			List<JobExecution> executions = application.recentExecutions(this.last);
			if (executions.isEmpty()) {
				out.println("No executions yet.");
				return ExitCodes.OK;
			}
			out.printf(ROW, "ID", "INPUT", "ACCOUNT", "TARGET", "STARTED", "DURATION", "STATUS", "DID");
			Set<Long> instancesShown = new HashSet<>();
			for (JobExecution listed : executions.subList(0, Math.min(this.last, executions.size()))) {
				JobExecution execution = application.execution(listed.getId());
				JobParameters parameters = execution.getJobParameters();
				RunTarget target = RunTarget.of(parameters);
				String mode = target.dryRun() ? " (dry run)" : target.simulated() ? " (simulated)" : "";
				out.printf(ROW, execution.getId(), clip(TerminalText.clean(CampaignJobParameters.inputFile(parameters).getFileName() + mode), 32),
						clip(TerminalText.clean(parameters.getString(CampaignJobParameters.ACCOUNT)), 16), clip(target.describe(), 26),
						execution.getStartTime() == null ? "-" : WHEN.format(execution.getStartTime()),
						duration(execution), execution.getStatus(), ExecutionActivity.of(application.results(), execution));
				String reason = reasonLine(execution);
				if (reason != null) {
					out.println(reason);
				}
				// Newest first: the instance's latest execution is the one a run or restart continues.
				if (instancesShown.add(execution.getJobInstanceId()) && !target.dryRun()) {
					String inDoubt = ExecutionStatus.inDoubt(application, execution.getJobInstanceId());
					if (inDoubt != null) {
						out.println("       " + inDoubt);
					}
				}
			}
			return ExitCodes.OK;
		}
	}

	/** Up to its end, or for a run whose process died, up to its last recorded progress (not its recovery). */
	private static String duration(JobExecution execution) {
		LocalDateTime start = execution.getStartTime();
		if (start == null) {
			return "-";
		}
		LocalDateTime end = CampaignJobLauncher.effectiveEnd(execution);
		long seconds = Duration.between(start, end != null ? end : LocalDateTime.now()).toSeconds();
		return seconds < 60 ? seconds + "s" : (seconds / 60) + "m" + (seconds % 60) + "s";
	}

	/**
	 * The line under a failed, stopped or abandoned execution that says why ({@code null}: none to say). An execution
	 * is abandoned by the job database's migrations, with the reason as its exit message (V12: staged by a development
	 * version), or by hand.
	 */
	static String reasonLine(JobExecution execution) {
		BatchStatus status = execution.getStatus();
		String reason = status == BatchStatus.FAILED || status == BatchStatus.STOPPED ? reason(execution)
				: status == BatchStatus.ABANDONED ? execution.getExitStatus().getExitDescription() : null;
		if (reason == null || (status == BatchStatus.ABANDONED && reason.isBlank())) {
			return null;
		}
		return "       " + status.toString().toLowerCase() + ": " + RunReporter.printable(clip(oneLine(reason), 160));
	}

	/**
	 * Why it failed or stopped, as the run said it: a stop by its signal (Spring Batch records only its own
	 * {@code JobInterruptedException} for it).
	 */
	private static String reason(JobExecution execution) {
		String stop = execution.getExecutionContext().getString(GracefulShutdown.STOP_REASON, null);
		if (execution.getStatus() == BatchStatus.STOPPED && stop != null) {
			return stop + "; run the same command again (or 'restart') to resume";
		}
		return RunReporter.failureReason(execution);
	}

	/** The first line of a failure text (a step's exit description may hold a stack trace), without its class name. */
	static String oneLine(String text) {
		String line = text.strip().lines().findFirst().orElse("");
		return line.replaceFirst("^([\\w$]+\\.)+[\\w$]*(Exception|Error): ", "");
	}

	private static String clip(String text, int width) {
		return text == null ? "" : (text.length() <= width ? text : text.substring(0, width - 1) + "…");
	}
}
