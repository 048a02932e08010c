package io.github.campaignbatch.application;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.github.campaignbatch.inbox.Inbox;
import io.github.campaignbatch.input.InputFileException;
import io.github.campaignbatch.job.CampaignJobConfiguration;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.JobRun;
import io.github.campaignbatch.output.TerminalText;
import io.github.campaignbatch.preflight.PreflightCheck;
import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.report.CampaignLine;
import io.github.campaignbatch.report.DeviceOutcome;
import io.github.campaignbatch.report.EarlierReports;
import io.github.campaignbatch.report.ResultsRepository;
import io.github.campaignbatch.submission.CampaignState;
import io.github.campaignbatch.submission.CampaignsUnfinishedException;
import io.github.campaignbatch.submission.SubmissionStepListener;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Prints what a run did and decides the exit code: the summary at the end of every job command.
 */
public final class RunReporter {

	private static final int CAMPAIGNS_LISTED = 20;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final Application application;

	private final RunTarget session;

	private final PrintWriter out;

	private final PrintWriter err;

	/**
	 * @param session where the reporting process sends (a run against another target is named as such)
	 */
	public RunReporter(Application application, RunTarget session, PrintWriter out, PrintWriter err) {
		this.application = application;
		this.session = session;
		this.out = out;
		this.err = err;
	}

	public RunOutcome report(JobRun run) {
		JobExecution execution = run.execution();
		switch (run.kind()) {
			case ALREADY_RUNNING -> {
				String holder = run.holder() == null ? "another process" : "process " + run.holder().owner()
						+ " (since " + run.holder().acquiredAt() + ")";
				return failed(ExitCodes.ALREADY_RUNNING, "this input is being processed right now by " + holder
						+ (execution == null ? "" : ", execution " + execution.getId())
						+ ": wait for it to finish, or check with 'status'");
			}
			case OTHER_TARGET -> {
				return failed(ExitCodes.USAGE, otherTarget(execution, this.session));
			}
			case ALREADY_COMPLETE -> {
				RunTarget target = RunTarget.of(execution.getJobParameters());
				this.out.println("Already processed: this input and account completed in execution " + execution.getId()
						+ " at " + (execution.getEndTime() == null ? "?" : WHEN.format(execution.getEndTime()))
						+ (target.equals(RunTarget.UNRECORDED)
								? " (recorded before runs kept their target, so taken as a real run; see docs/operations.md)"
								: target.simulated() ? " against the simulator" : "")
						+ "; nothing was sent again.");
				this.out.println("Report: " + printable(reportNow(execution)));
				return RunOutcome.of(ExitCodes.OK);
			}
			default -> {
				return finished(execution);
			}
		}
	}

	/** The one line that says an execution belongs to another target than this process sends to. */
	public static String otherTarget(JobExecution execution, RunTarget session) {
		RunTarget target = RunTarget.of(execution.getJobParameters());
		return "execution " + execution.getId() + " ran against " + (target.simulated() ? "the simulator" : target.describe())
				+ "; this process sends to " + (session.simulated() ? "the simulator" : session.describe())
				+ ": left alone (a run restarts only against its own target)";
	}

	private RunOutcome failed(int exitCode, String reason) {
		this.err.println("error: " + reason);
		return new RunOutcome(exitCode, reason);
	}

	/** "Run", "Dry run" or "Simulated run": a simulated run says so wherever it reports. */
	public static String runKind(RunTarget target) {
		return target.dryRun() ? "Dry run" : target.simulated() ? "Simulated run" : "Run";
	}

	private RunOutcome finished(JobExecution execution) {
		long jobInstanceId = execution.getJobInstanceId();
		RunTarget target = RunTarget.of(execution.getJobParameters());
		Path report = CampaignJobParameters.reportFile(execution.getJobParameters());
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			InputFileException inputProblem = inputProblem(execution);
			if (inputProblem != null) {
				return failed(ExitCodes.USAGE, printable(inputProblem.getMessage()));
			}
			if (groupedInAnyExecution(execution)) {
				writeReportAnyway(execution, report);
			}
		}
		ResultsRepository results = this.application.results();
		// one open of the staging file, one copy of the ledger into it, for every count below
		ResultsRepository.DeviceCounts counts = results.deviceCounts(jobInstanceId);
		Map<DeviceOutcome, Long> outcomes = counts.outcomes();
		Map<String, Long> rejections = counts.rejectionsByCode();
		List<CampaignLine> campaigns = new ArrayList<>();
		results.forEachCampaign(jobInstanceId, campaigns::add);

		long devices = outcomes.values().stream().mapToLong(Long::longValue).sum();
		long successful = outcomes.entrySet().stream().filter(e -> e.getKey().isSuccessful()).mapToLong(Map.Entry::getValue).sum();
		long invalid = outcomes.get(DeviceOutcome.INVALID) + outcomes.get(DeviceOutcome.DUPLICATE)
				+ outcomes.get(DeviceOutcome.CONFLICT);

		this.out.println();
		this.out.println(runKind(target) + " of " + printable(CampaignJobParameters.inputFile(
				execution.getJobParameters()).getFileName().toString()) + ": " + execution.getStatus() + " (execution " + execution.getId() + ")");
		if (target.simulated()) {
			this.out.println("  target             the bundled simulator: nothing was sent to ThingSpace");
		}
		String account = CampaignJobParameters.account(execution.getJobParameters());
		this.out.printf("  account            %s%n", account == null || account.isBlank() ? "(each row's own)" : printable(account));
		this.out.printf("  rows read          %d%n", counts.rowCount());
		this.out.printf("  devices            %d%n", devices);
		this.out.printf("  valid              %d%n", devices - invalid);
		this.out.printf("  invalid input      %d%s%n", invalid, rejections.isEmpty() ? "" : "  " + rejections);
		this.out.printf("  campaigns          %d%n", campaigns.size());
		for (int i = 0; i < Math.min(CAMPAIGNS_LISTED, campaigns.size()); i++) {
			CampaignLine campaign = campaigns.get(i);
			this.out.printf("    %-10s %s (%d %s)%s%s%n", campaign.state(), printable(campaign.name()), campaign.devices(),
					campaign.devices() == 1 ? "device" : "devices",
					campaign.campaignId().isEmpty() ? "" : " id " + printable(campaign.campaignId()),
					campaign.errorCode().isEmpty() ? ""
							: " " + printable(campaign.errorCode()) + ": " + printable(campaign.errorMessage()));
		}
		if (campaigns.size() > CAMPAIGNS_LISTED) {
			this.out.printf("    ... and %d more (see the report)%n", campaigns.size() - CAMPAIGNS_LISTED);
		}
		RolloutLines.summary(this.application, execution, this.out);
		long rejectedByVendor = campaigns.stream()
			.filter(campaign -> CampaignState.REJECTED.name().equals(campaign.state())
					&& !PreflightCheck.isPreflightCode(campaign.errorCode()))
			.mapToLong(CampaignLine::devices)
			.sum();
		StringBuilder perStatus = new StringBuilder();
		outcomes.forEach((outcome, count) -> {
			if (count > 0) {
				perStatus.append(perStatus.isEmpty() ? "" : ", ")
					.append(outcome == DeviceOutcome.REJECTED ? rejected(count, rejectedByVendor) : outcome + " " + count);
			}
		});
		this.out.printf("  devices by status  %s%n", perStatus.isEmpty() ? "none" : perStatus);
		this.out.printf("  report             %s%n", printable(report.toString()));
		Object earlier = execution.getExecutionContext().get(CampaignJobConfiguration.EARLIER_REPORT);
		if (earlier != null) {
			this.out.printf("  earlier report     %s%n", printable(earlier.toString()));
		}
		otherAccounts(account, campaigns).ifPresent(warning -> this.err.println("warning: " + printable(warning)));
		for (String warning : loadWarnings(execution)) {
			this.err.println("warning: " + printable(warning));
		}

		if (execution.getStatus() != BatchStatus.COMPLETED) {
			CampaignsUnfinishedException unfinished = failure(execution, CampaignsUnfinishedException.class);
			if (execution.getStatus() == BatchStatus.FAILED && unfinished != null && unfinished.onlyInDoubt()) {
				// Nothing failed: the vendor's history has not shown them yet. Not 0, not done: a later run settles them.
				return failed(ExitCodes.IN_DOUBT, printable(unfinished.getMessage()));
			}
			return failed(ExitCodes.FAILED, "the job " + execution.getStatus().toString().toLowerCase() + ": "
					+ printable(failureReason(execution)) + "; run the same command again (or 'restart') to resume");
		}
		return RunOutcome.of(successful == devices ? ExitCodes.OK : ExitCodes.REJECTED);
	}

	/**
	 * Where an earlier execution's report is now: where it was written, or, for an inbox file, in {@code done/} where
	 * the file and its report went after the run (the recorded path is in {@code processing/}).
	 */
	private static String reportNow(JobExecution execution) {
		Path written = CampaignJobParameters.reportFile(execution.getJobParameters());
		Path keptAside = EarlierReports.keptAs(written, execution.getId());
		if (Files.isRegularFile(keptAside)) {
			// a later run of another input wrote its report in this one's place and kept this one beside it
			return keptAside.toString();
		}
		if (Files.isRegularFile(written)) {
			return written.toString();
		}
		Path folder = written.toAbsolutePath().getParent();
		if (folder != null && folder.getFileName() != null && folder.getFileName().toString().equals(Inbox.PROCESSING)) {
			Path done = folder.resolveSibling(Inbox.DONE).resolve(written.getFileName());
			if (Files.isRegularFile(done)) {
				return done.toString();
			}
		}
		return written + " (no longer there: 'report --execution " + execution.getId() + " --output FILE' writes it again)";
	}

	/**
	 * A row's own account wins over {@code --account}, which only fills the rows that name none; an operator who passed
	 * one account and sees campaigns of another must be told rather than find out at ThingSpace.
	 */
	private static Optional<String> otherAccounts(String account, List<CampaignLine> campaigns) {
		if (account == null || account.isBlank()) {
			return Optional.empty();
		}
		Map<String, Long> others = new TreeMap<>();
		campaigns.stream()
			.filter(campaign -> !account.equals(campaign.account()))
			.forEach(campaign -> others.merge(campaign.account(), 1L, Long::sum));
		if (others.isEmpty()) {
			return Optional.empty();
		}
		long count = others.values().stream().mapToLong(Long::longValue).sum();
		return Optional.of(count + " campaign(s) use the account their rows name (" + String.join(", ", others.keySet())
				+ "), not --account " + account + ": a row's account wins, --account only fills rows that name none");
	}

	/**
	 * Who refused the rejected devices: ThingSpace, or our own pre-flight check before anything was sent (a file not
	 * available, a device already in an active campaign), which an operator fixes differently.
	 */
	private static String rejected(long count, long byVendor) {
		long byPreflight = Math.max(0, count - byVendor);
		if (byPreflight == 0) {
			return "REJECTED by ThingSpace " + count;
		}
		if (byPreflight == count) {
			return "REJECTED by the pre-flight check " + count;
		}
		return "REJECTED " + count + " (by ThingSpace " + byVendor + ", by the pre-flight check " + byPreflight + ")";
	}

	/** Text from the input, a file name or ThingSpace, made safe for one line of a terminal ({@link TerminalText}). */
	public static String printable(String text) {
		return TerminalText.clean(text);
	}

	private void writeReportAnyway(JobExecution execution, Path report) {
		try {
			this.application.keepEarlierReport(execution.getJobInstanceId(), report).ifPresent(kept ->
					execution.getExecutionContext().putString(CampaignJobConfiguration.EARLIER_REPORT, kept.describe()));
			this.application.writeReport(execution.getJobInstanceId(), report);
		}
		catch (RuntimeException ex) {
			this.err.println("warning: the report could not be written: " + Failures.describe(ex));
		}
	}

	private static InputFileException inputProblem(JobExecution execution) {
		return failure(execution, InputFileException.class);
	}

	/** The first failure of the execution that is (or was caused by) one of this type, or {@code null}. */
	private static <T extends Throwable> T failure(JobExecution execution, Class<T> type) {
		for (Throwable failure : execution.getAllFailureExceptions()) {
			T found = Failures.find(failure, type);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	/** What the load step warned of (campaigns spanning a daylight-saving change), in this or an earlier execution. */
	private List<String> loadWarnings(JobExecution execution) {
		StepExecution load = this.application.lastStep(execution, CampaignJobConfiguration.LOAD_STEP);
		if (load == null || !(load.getExecutionContext().get(CampaignJobConfiguration.LOAD_WARNINGS) instanceof List<?> warnings)) {
			return List.of();
		}
		return warnings.stream().map(String::valueOf).toList();
	}

	/** Once grouped, every device has an outcome worth reporting, even if a later step failed. */
	private boolean groupedInAnyExecution(JobExecution execution) {
		StepExecution group = this.application.lastStep(execution, CampaignJobConfiguration.GROUP_STEP);
		return group != null && group.getStatus() == BatchStatus.COMPLETED;
	}

	public static String failureReason(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		if (!failures.isEmpty()) {
			return Failures.describe(failures.get(0));
		}
		for (StepExecution step : execution.getStepExecutions()) {
			String noted = step.getExecutionContext().getString(SubmissionStepListener.FAILURE, null);
			if (step.getStatus() != BatchStatus.COMPLETED && noted != null) {
				return noted;
			}
			if (step.getStatus() != BatchStatus.COMPLETED && !step.getExitStatus().getExitDescription().isBlank()) {
				return step.getExitStatus().getExitDescription();
			}
		}
		return execution.getExitStatus().getExitDescription().isBlank() ? "see the log"
				: execution.getExitStatus().getExitDescription();
	}
}
