package io.github.campaignbatch.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.Tracking;
import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.ApplicationFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code track}: reads where each scheduled campaign and each of its devices stands at ThingSpace, stores it and
 * rewrites the execution's report with the vendor's statuses.
 */
@Command(name = "track", mixinStandardHelpOptions = true,
		description = { "Read where each scheduled campaign and its devices stand at ThingSpace, and store it.",
				"Rewrites the execution's report with columns vendorStatus, deviceStatus, resultReason and statusAt.",
				"A campaign whose final state was read is not polled again.",
				"A rollout in waves moves on: its next wave is sent when its gate passes, it halts when its gate fails.",
				"Exit codes: 0 nothing failed, 3 devices failed or were rejected or a rollout halted, 1 the API could not be read." })
class TrackCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	TrackCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

	static class Selection {

		@Option(names = "--execution", paramLabel = "ID", description = "The execution to track (see 'status').")
		Long executionId;

		@Option(names = "--open", description = "Every execution with a campaign not final yet, or a rollout not over.")
		boolean open;
	}

	@ArgGroup(exclusive = true, multiplicity = "1")
	Selection selection;

	@Mixin
	VerboseOption logging;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		try (Application application = this.applications.start(this.logging.verbose)) {
			List<JobExecution> executions;
			if (this.selection.executionId != null) {
				executions = List.of(application.execution(this.selection.executionId));
			}
			else {
				executions = application.withOpenCampaigns();
				if (executions.isEmpty()) {
					this.spec.commandLine().getOut().println("No campaign to track: every scheduled campaign is final"
							+ " and no rollout has a wave to send.");
					return ExitCodes.OK;
				}
			}
			return new Tracking(this.applications, application, this.logging.verbose, this.spec.commandLine().getOut(), this.spec.commandLine().getErr())
				.track(executions, Tracking::reportWhereTheRunWroteIt);
		}
	}
}
