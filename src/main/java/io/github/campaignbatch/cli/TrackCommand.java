package io.github.campaignbatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.campaignbatch.tracking.TrackingStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code track}: reads where each scheduled campaign and each of its devices stands at ThingSpace, stores it and
 * rewrites the execution's report with the vendor's statuses.
 */
@Command(name = "track", mixinStandardHelpOptions = true,
		description = { "Read each scheduled campaign's status and every device's status from ThingSpace, store them,",
				"and rewrite the execution's report (columns vendorStatus, deviceStatus, resultReason, statusAt).",
				"A campaign whose final state was read is not polled again.",
				"Exit codes: 0 nothing failed, 3 some devices failed or were rejected, 1 the API could not be read." })
class TrackCommand implements Callable<Integer> {

	static class Selection {

		@Option(names = "--execution", paramLabel = "ID", description = "The execution to track (see 'status').")
		Long executionId;

		@Option(names = "--open", description = "Every execution with a campaign not final yet.")
		boolean open;
	}

	@ArgGroup(exclusive = true, multiplicity = "1")
	Selection selection;

	@Option(names = "--verbose", description = "More logging, and stack traces on failure.")
	boolean verbose;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = SpringContexts.start(this.verbose, List.of())) {
			JobRepository repository = context.getBean(JobRepository.class);
			List<JobExecution> executions = new ArrayList<>();
			if (this.selection.executionId != null) {
				executions.add(Executions.named(repository, this.selection.executionId));
			}
			else {
				for (long instance : context.getBean(TrackingStore.class).jobInstancesWithOpenCampaigns()) {
					executions.add(Tracking.latestExecution(repository, instance));
				}
				if (executions.isEmpty()) {
					this.spec.commandLine().getOut().println("No campaign to track: every scheduled campaign is final.");
					return ExitCodes.OK;
				}
			}
			return new Tracking(context, this.verbose, this.spec.commandLine().getOut(), this.spec.commandLine().getErr())
				.track(executions, Tracking::reportWhereTheRunWroteIt);
		}
	}
}
