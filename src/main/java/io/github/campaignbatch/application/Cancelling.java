package io.github.campaignbatch.application;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.submission.LedgerCampaign;
import io.github.campaignbatch.tracking.CampaignCanceller;
import io.github.campaignbatch.tracking.TrackedCampaign;
import io.github.campaignbatch.tracking.VendorStatuses;

import org.springframework.batch.core.job.JobExecution;

/**
 * Cancelling (before start) or aborting (after start) the scheduled campaigns of an execution ({@code cancel}): which
 * campaigns a request names and what becomes of each, then the cancels themselves, at the API the execution ran
 * against, and the report written again.
 */
public final class Cancelling {

	private Cancelling() {
	}

	/**
	 * What a cancel of these campaigns would do.
	 * @param inDoubt campaigns named (or all) that have no vendor id yet: nothing to cancel until a run settles them
	 * @param alreadyFinal campaigns ThingSpace last said are final: not sent again
	 * @param toSend the campaigns to cancel or abort, each with its last read status
	 * @param settleableAfter when a run or restart can settle the campaigns in doubt ({@code null} when none)
	 */
	public record Plan(JobExecution execution, List<LedgerCampaign> inDoubt, List<TrackedCampaign> alreadyFinal,
			List<TrackedCampaign> toSend, String settleableAfter) {
	}

	/**
	 * The plan for the named campaigns of an execution (none named: every scheduled one); a usage error for a name
	 * the execution does not have. A campaign in doubt is named rightly, so it is listed, not refused.
	 */
	public static Plan plan(Application application, long executionId, List<String> names) {
		JobExecution execution = application.execution(executionId);
		List<LedgerCampaign> inDoubt = application.inDoubt(execution.getJobInstanceId()).stream()
			.filter(campaign -> names.isEmpty() || names.contains(campaign.name()))
			.toList();
		List<TrackedCampaign> selected = CampaignChoice.select(executionId,
				application.tracking().scheduled(execution.getJobInstanceId()), names,
				inDoubt.stream().map(LedgerCampaign::name).collect(Collectors.toSet()));
		List<TrackedCampaign> alreadyFinal = new ArrayList<>();
		List<TrackedCampaign> toSend = new ArrayList<>();
		for (TrackedCampaign campaign : selected) {
			(VendorStatuses.isFinalCampaign(campaign.vendorStatus()) ? alreadyFinal : toSend).add(campaign);
		}
		String settleableAfter = inDoubt.isEmpty() ? null : ExecutionStatus.settleableAfter(application, inDoubt);
		return new Plan(execution, inDoubt, alreadyFinal, toSend, settleableAfter);
	}

	/**
	 * Cancels or aborts the plan's campaigns at the API its execution ran against (the simulator for a simulated
	 * one), prints a line per campaign, writes the report again, and returns the exit code: 1 when one could not be
	 * cancelled (the line says to run the same command again: a cancel already done is not sent twice).
	 */
	public static int cancel(ApplicationFactory applications, Application application, Plan plan, boolean verbose,
			PrintWriter out, PrintWriter err) {
		int exitCode = ExitCodes.OK;
		JobExecution execution = plan.execution();
		try (Application api = applications.api(RunTarget.of(execution.getJobParameters()).simulated(), application,
				verbose)) {
			CampaignCanceller canceller = api.canceller();
			for (TrackedCampaign campaign : plan.toSend()) {
				CampaignCanceller.Result result = canceller.cancel(campaign);
				switch (result.kind()) {
					case CANCELLED -> out.println(result.vendorStatus() + ": " + describe(campaign));
					case ALREADY_FINAL -> out.println(result.detail() + ": " + describe(campaign) + " (not sent)");
					case FAILED -> {
						err.println("error: cannot cancel " + describe(campaign) + ": " + result.detail()
								+ "; run the same command again");
						exitCode = ExitCodes.FAILED;
					}
				}
			}
		}
		Tracking.refreshReport(application, execution);
		return exitCode;
	}

	/**
	 * Campaigns in doubt cannot be cancelled yet: one error line that says how to settle them first, and exit 1 (0 in
	 * a dry run, which sends nothing anyway).
	 */
	public static int inDoubtLeft(Plan plan, boolean dryRun, PrintWriter err) {
		if (plan.inDoubt().isEmpty() || dryRun) {
			return ExitCodes.OK;
		}
		err.println("error: " + plan.inDoubt().size() + " campaign(s) of execution " + plan.execution().getId()
				+ " in doubt could not be cancelled: a run or restart after " + plan.settleableAfter()
				+ " settles them (found: SCHEDULED with its id), then cancel again");
		return ExitCodes.FAILED;
	}

	/** {@code 'name' (vendor id)}. */
	public static String describe(TrackedCampaign campaign) {
		return "'" + campaign.name() + "' (" + campaign.remoteId() + ")";
	}
}
