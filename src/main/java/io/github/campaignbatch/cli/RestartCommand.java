package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.campaignbatch.application.RunReporter;
import io.github.campaignbatch.application.JobRuns;
import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.job.CampaignJobConfiguration;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.application.ApplicationFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * {@code restart}: resumes a failed or stopped execution with the parameters it ran with.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = { "Resume a failed or stopped execution (the most recent one by default).",
				"It also settles the campaigns in doubt that an earlier version left in a completed execution.",
				"Campaigns already scheduled are never sent again; those in doubt are reconciled first.",
				"A simulated execution restarts against the in-process simulator.",
				"A real one restarts against the real API it ran against (THINGSPACE_BASE_URL must still name it)." })
class RestartCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	RestartCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

	/** How many recent job instances the search for the most recent unfinished execution looks at. */
	static final int INSTANCES_SCANNED = 100;

	@Option(names = "--execution", paramLabel = "ID", description = "The execution to restart.")
	Long executionId;

	@Mixin
	VerboseOption logging;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		try (Application application = this.applications.start(this.logging.verbose)) {
			JobExecution execution = find(application);
			checkInputUnchanged(execution, application);
			RunTarget target = RunTarget.of(execution.getJobParameters());
			out.println("Restarting execution " + execution.getId() + " (" + execution.getStatus()
					+ (execution.getStatus() == BatchStatus.COMPLETED ? " with campaigns not final: settling them" : "") + ") of "
					+ RunReporter.printable(CampaignJobParameters.inputFile(execution.getJobParameters()).toString())
					+ (target.simulated() ? " against the simulator, as it ran" : ""));
			if (target.simulated()) {
				// A simulated execution restarts only against the simulator: this process starts one, as --simulate does.
				// Its application starts before this one closes: the job database stays locked to this process throughout.
				try (Application simulated = this.applications.sendingTo(RunTarget.SIMULATOR, this.logging.verbose,
						List.of(), JobRuns.CREDENTIALS_HINT, out::println)) {
					application.close();
					return JobRuns.on(simulated, out, err).restart(execution).exitCode();
				}
			}
			return JobRuns.on(application.sendingTo(target, JobRuns.CREDENTIALS_HINT), out, err).restart(execution).exitCode();
		}
	}

	private JobExecution find(Application application) {
		if (this.executionId != null) {
			return application.execution(this.executionId);
		}
		return application.unfinished(INSTANCES_SCANNED)
			.stream()
			.findFirst()
			.orElseThrow(() -> new UsageException("nothing to restart: no failed or stopped execution"));
	}

	/** The staged rows came from that file: resuming on other content would mix two inputs. */
	private static void checkInputUnchanged(JobExecution execution, Application application) {
		Path input = CampaignJobParameters.inputFile(execution.getJobParameters());
		String expected = execution.getJobParameters().getString(CampaignJobParameters.INPUT_SHA256);
		StepExecution load = application.lastStep(execution, CampaignJobConfiguration.LOAD_STEP);
		boolean loaded = load != null && load.getStatus() == BatchStatus.COMPLETED;
		if (!Files.exists(input)) {
			if (!loaded) {
				throw new UsageException(input + ": the input file of execution " + execution.getId()
						+ " is gone; put it back to resume");
			}
			return;
		}
		if (!InputFingerprint.sha256(input).equals(expected)) {
			throw new UsageException(input + ": the file changed since execution " + execution.getId()
					+ " read it; put the original back, or run the new file with 'run'");
		}
	}
}
