package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.RunReporter;
import io.github.campaignbatch.application.ExecutionStatus;
import io.github.campaignbatch.application.Tracking;
import io.github.campaignbatch.application.CampaignChoice;
import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.submission.LedgerCampaign;
import io.github.campaignbatch.tracking.CampaignCanceller;
import io.github.campaignbatch.tracking.TrackedCampaign;
import io.github.campaignbatch.tracking.VendorStatuses;
import io.github.campaignbatch.application.ApplicationFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code cancel}: cancels (before start) or aborts (after start) the scheduled campaigns of an execution.
 */
@Command(name = "cancel", mixinStandardHelpOptions = true,
		description = { "Cancel (before start) or abort (after start) the scheduled campaigns of an execution, or some of them.",
				"A campaign already final is reported, not sent again; repeating the command is harmless.",
				"Asks for confirmation unless --yes. Exit codes: 0 done, 1 some campaign could not be cancelled, 2 usage." })
class CancelCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	CancelCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

	@Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution (see 'status').")
	long executionId;

	@Option(names = "--campaign", paramLabel = "NAME_OR_ID",
			description = "Only this campaign (its name or ThingSpace id); repeatable. Default: every scheduled campaign.")
	List<String> campaigns = new ArrayList<>();

	@Option(names = "--dry-run", description = "List what would be cancelled; send nothing.")
	boolean dryRun;

	@Option(names = "--yes", description = "Do not ask for confirmation.")
	boolean yes;

	@Mixin
	VerboseOption logging;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		try (Application application = this.applications.start(this.logging.verbose)) {
			JobExecution execution = application.execution(this.executionId);
			List<LedgerCampaign> inDoubt = application.inDoubt(execution.getJobInstanceId()).stream()
				.filter(campaign -> this.campaigns.isEmpty() || this.campaigns.contains(campaign.name()))
				.toList();
			// A campaign in doubt is named rightly but has no vendor id to cancel: listed below, not a usage error.
			List<TrackedCampaign> selected = CampaignChoice.select(this.executionId,
					application.tracking().scheduled(execution.getJobInstanceId()), this.campaigns,
					inDoubt.stream().map(LedgerCampaign::name).collect(Collectors.toSet()));
			String settleableAfter = inDoubt.isEmpty() ? null : ExecutionStatus.settleableAfter(application, inDoubt);
			for (LedgerCampaign campaign : inDoubt) {
				// Without the vendor's id nothing can be cancelled; it may or may not exist at ThingSpace.
				out.println("in doubt, not cancelled: '" + RunReporter.printable(campaign.name()) + "' (no ThingSpace id yet)");
			}
			List<TrackedCampaign> toSend = new ArrayList<>();
			for (TrackedCampaign campaign : selected) {
				if (VendorStatuses.isFinalCampaign(campaign.vendorStatus())) {
					out.println("already " + campaign.vendorStatus() + ": " + describe(campaign) + " (not sent)");
				}
				else {
					toSend.add(campaign);
					out.println((this.dryRun ? "would cancel or abort: " : "to cancel or abort: ") + describe(campaign)
							+ ", last read " + campaign.vendorStatus());
				}
			}
			if (toSend.isEmpty()) {
				out.println("Nothing " + (inDoubt.isEmpty() ? "" : "else ") + "to cancel in execution " + this.executionId + ".");
				return inDoubtLeft(inDoubt, settleableAfter);
			}
			if (this.dryRun) {
				out.println("Dry run: nothing sent.");
				return ExitCodes.OK;
			}
			if (!this.yes && !CampaignChoice.confirmed(out, "Cancel or abort " + toSend.size() + " campaign(s) of execution "
					+ this.executionId + "?", "cancel")) {
				out.println("Nothing cancelled.");
				return ExitCodes.OK;
			}
			return Math.max(cancel(application, execution, toSend, out), inDoubtLeft(inDoubt, settleableAfter));
		}
	}

	/**
	 * Campaigns in doubt cannot be cancelled yet: one error line that says how to settle them first, and exit 1
	 * (0 in a dry run, which sends nothing anyway).
	 */
	private int inDoubtLeft(List<LedgerCampaign> inDoubt, String settleableAfter) {
		if (inDoubt.isEmpty() || this.dryRun) {
			return ExitCodes.OK;
		}
		this.spec.commandLine().getErr().println("error: " + inDoubt.size() + " campaign(s) of execution "
				+ this.executionId + " in doubt could not be cancelled: a run or restart after " + settleableAfter
				+ " settles them (found: SCHEDULED with its id), then cancel again");
		return ExitCodes.FAILED;
	}

	private int cancel(Application application, JobExecution execution, List<TrackedCampaign> campaigns,
			PrintWriter out) {
		int exitCode = ExitCodes.OK;
		try (Application api = this.applications.api(RunTarget.of(execution.getJobParameters()).simulated(), application,
				this.logging.verbose)) {
			CampaignCanceller canceller = api.canceller();
			for (TrackedCampaign campaign : campaigns) {
				CampaignCanceller.Result result = canceller.cancel(campaign);
				switch (result.kind()) {
					case CANCELLED -> out.println(result.vendorStatus() + ": " + describe(campaign));
					case ALREADY_FINAL -> out.println(result.detail() + ": " + describe(campaign) + " (not sent)");
					case FAILED -> {
						this.spec.commandLine().getErr().println("error: cannot cancel " + describe(campaign) + ": "
								+ result.detail() + "; run the same command again");
						exitCode = ExitCodes.FAILED;
					}
				}
			}
		}
		Tracking.refreshReport(application, execution);
		return exitCode;
	}

	private static String describe(TrackedCampaign campaign) {
		return "'" + campaign.name() + "' (" + campaign.remoteId() + ")";
	}
}
