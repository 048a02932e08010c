package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.ApplicationFactory;
import io.github.campaignbatch.application.CampaignChoice;
import io.github.campaignbatch.application.Cancelling;
import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.RunReporter;
import io.github.campaignbatch.submission.LedgerCampaign;
import io.github.campaignbatch.tracking.TrackedCampaign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
		PrintWriter err = this.spec.commandLine().getErr();
		try (Application application = this.applications.start(this.logging.verbose)) {
			Cancelling.Plan plan = Cancelling.plan(application, this.executionId, this.campaigns);
			for (LedgerCampaign campaign : plan.inDoubt()) {
				// Without the vendor's id nothing can be cancelled; it may or may not exist at ThingSpace.
				out.println("in doubt, not cancelled: '" + RunReporter.printable(campaign.name()) + "' (no ThingSpace id yet)");
			}
			for (TrackedCampaign campaign : plan.alreadyFinal()) {
				out.println("already " + campaign.vendorStatus() + ": " + Cancelling.describe(campaign) + " (not sent)");
			}
			for (TrackedCampaign campaign : plan.toSend()) {
				out.println((this.dryRun ? "would cancel or abort: " : "to cancel or abort: ")
						+ Cancelling.describe(campaign) + ", last read " + campaign.vendorStatus());
			}
			if (plan.toSend().isEmpty()) {
				out.println("Nothing " + (plan.inDoubt().isEmpty() ? "" : "else ") + "to cancel in execution "
						+ this.executionId + ".");
				return Cancelling.inDoubtLeft(plan, this.dryRun, err);
			}
			if (this.dryRun) {
				out.println("Dry run: nothing sent.");
				return ExitCodes.OK;
			}
			if (!this.yes && !CampaignChoice.confirmed(out, "Cancel or abort " + plan.toSend().size()
					+ " campaign(s) of execution " + this.executionId + "?", "cancel")) {
				out.println("Nothing cancelled.");
				return ExitCodes.OK;
			}
			return Math.max(Cancelling.cancel(this.applications, application, plan, this.logging.verbose, out, err),
					Cancelling.inDoubtLeft(plan, false, err));
		}
	}
}
