package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.job.CampaignJobConfiguration;
import io.github.campaignbatch.job.CampaignJobLauncher;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.JobRun;
import io.github.campaignbatch.thingspace.ThingSpaceProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code restart}: resumes a failed or stopped execution with the parameters it ran with.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = { "Resume a failed or stopped execution (the most recent one by default).",
				"Campaigns already scheduled are never sent again; those in doubt are reconciled first." })
class RestartCommand implements Callable<Integer> {

	@Option(names = "--execution", paramLabel = "ID", description = "The execution to restart.")
	Long executionId;

	@Option(names = "--verbose", description = "More logging, and stack traces on failure.")
	boolean verbose;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		try (ConfigurableApplicationContext context = SpringContexts.start(this.verbose, List.of())) {
			JobRepository repository = context.getBean(JobRepository.class);
			JobExecution execution = find(repository);
			checkInputUnchanged(execution, repository);
			if (!CampaignJobParameters.isDryRun(execution.getJobParameters())) {
				List<String> missing = context.getBean(ThingSpaceProperties.class).missingCredentials();
				if (!missing.isEmpty()) {
					throw new UsageException("ThingSpace credentials missing: set " + String.join(", ", missing));
				}
			}
			out.println("Restarting execution " + execution.getId() + " (" + execution.getStatus() + ") of "
					+ CampaignJobParameters.inputFile(execution.getJobParameters()));
			JobRun run = context.getBean(CampaignJobLauncher.class).restart(execution);
			return new RunReporter(context, out, err).report(run);
		}
	}

	private JobExecution find(JobRepository repository) {
		if (this.executionId != null) {
			return Executions.named(repository, this.executionId);
		}
		for (JobInstance instance : repository.getJobInstances(CampaignJobConfiguration.JOB_NAME, 0, 100)) {
			JobExecution last = repository.getLastJobExecution(instance);
			if (last != null && last.getStatus() != BatchStatus.COMPLETED && last.getStatus() != BatchStatus.ABANDONED) {
				return last;
			}
		}
		throw new UsageException("nothing to restart: no failed or stopped execution");
	}

	/** The staged rows came from that file: resuming on other content would mix two inputs. */
	private static void checkInputUnchanged(JobExecution execution, JobRepository repository) {
		Path input = CampaignJobParameters.inputFile(execution.getJobParameters());
		String expected = execution.getJobParameters().getString(CampaignJobParameters.INPUT_SHA256);
		StepExecution load = repository.getLastStepExecution(execution.getJobInstance(), CampaignJobConfiguration.LOAD_STEP);
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
