package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.RunReporter;
import io.github.campaignbatch.application.Tracking;
import io.github.campaignbatch.application.CampaignChoice;
import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.rollout.Rollouts;
import io.github.campaignbatch.application.ApplicationFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code rollout}: an operator's hand on a rollout in waves: release its next wave now whatever its gate says (a
 * halted rollout too), or halt it so that no further wave is sent. What was sent is {@code cancel}'s business.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
		description = { "Release the next wave of a rollout in waves now, or halt a rollout.",
				"--release sends it whatever its gate says (a halted rollout too); the waves after it wait for their gates.",
				"--halt: the waves not released are never sent ('cancel' stops what was sent).",
				"Acts on every rollout of the execution, or those named with --campaign; asks for confirmation unless --yes.",
				"Exit codes: 0 done, 1 a wave's POST is in doubt or the wave was moved meanwhile (see 'track'), 2 usage.",
				"Exit code 3: a wave was refused by ThingSpace or had expired." })
class RolloutCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	RolloutCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

	static class Action {

		@Option(names = "--release", description = "Send each selected rollout's next wave now.")
		boolean release;

		@Option(names = "--halt", description = "Send no further wave of each selected rollout.")
		boolean halt;
	}

	@Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution (see 'status').")
	long executionId;

	@ArgGroup(exclusive = true, multiplicity = "1")
	Action action;

	@Option(names = "--campaign", paramLabel = "NAME",
			description = "Only this rollout (its campaign's name, or one of its waves' names); repeatable.")
	List<String> campaigns = new ArrayList<>();

	@Option(names = "--dry-run", description = "List what would be released or halted; change nothing.")
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
		String verb = this.action.release ? "release" : "halt";
		try (Application application = this.applications.start(this.logging.verbose)) {
			JobExecution execution = application.execution(this.executionId);
			if (CampaignJobParameters.isDryRun(execution.getJobParameters())) {
				throw new UsageException("execution " + this.executionId + " is a dry run: its waves are never sent");
			}
			List<Rollouts.Pending> pending = pending(application, execution);
			for (Rollouts.Pending rollout : pending) {
				out.println((this.dryRun ? "would " : "to ") + verb + ": " + RunReporter.printable(rollout.describe()));
			}
			if (pending.isEmpty()) {
				out.println("Nothing to " + verb + " in execution " + this.executionId + ": no rollout has a wave not"
						+ " released.");
				return ExitCodes.OK;
			}
			if (this.dryRun) {
				out.println("Dry run: nothing changed.");
				return ExitCodes.OK;
			}
			if (!this.yes && !CampaignChoice.confirmed(out, (this.action.release ? "Release the next wave of " : "Halt ")
					+ pending.size() + " rollout(s) of execution " + this.executionId + "?", "rollout")) {
				out.println("Nothing changed.");
				return ExitCodes.OK;
			}
			int exitCode = this.action.release ? release(application, execution, pending, out) : halt(application, pending, out);
			Tracking.refreshReport(application, execution);
			return exitCode;
		}
	}

	private List<Rollouts.Pending> pending(Application application, JobExecution execution) {
		try {
			return application.rollouts().pending(execution.getJobInstanceId(), this.campaigns);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("execution " + this.executionId + ": " + ex.getMessage());
		}
	}

	private int release(Application application, JobExecution execution, List<Rollouts.Pending> pending, PrintWriter out) {
		int exitCode = ExitCodes.OK;
		try (Application api = this.applications.api(RunTarget.of(execution.getJobParameters()).simulated(), application,
				this.logging.verbose)) {
			for (Rollouts.Pending rollout : pending) {
				exitCode = Tracking.worst(exitCode, print(api.rollouts().releaseByHand(rollout), out));
			}
		}
		return exitCode;
	}

	private int halt(Application application, List<Rollouts.Pending> pending, PrintWriter out) {
		int exitCode = ExitCodes.OK;
		for (Rollouts.Pending rollout : pending) {
			exitCode = Tracking.worst(exitCode, print(application.rollouts().haltByHand(rollout), out));
		}
		return exitCode;
	}

	private static int print(Rollouts.Event event, PrintWriter out) {
		out.println(RunReporter.printable(event.text()));
		return switch (event.kind()) {
			case RELEASED, HALTED -> ExitCodes.OK;
			case REFUSED, EXPIRED -> ExitCodes.REJECTED;
			case IN_DOUBT, WAITING -> ExitCodes.FAILED;
		};
	}
}
