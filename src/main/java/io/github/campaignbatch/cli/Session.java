package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.job.CampaignJobLauncher;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.JobRun;
import io.github.campaignbatch.job.RunRequest;
import io.github.campaignbatch.report.ResultsReportWriter;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.thingspace.ThingSpaceProperties;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One started application (and, with {@code --simulate}, the simulator) that runs any number of inputs: {@code run}
 * and {@code validate} run one, {@code schedule} every file of a tick.
 */
final class Session implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final SimulatorServer simulator;

	private final PrintWriter out;

	private final PrintWriter err;

	private boolean reportWhenComplete;

	private Session(ConfigurableApplicationContext context, SimulatorServer simulator, PrintWriter out, PrintWriter err) {
		this.context = context;
		this.simulator = simulator;
		this.out = out;
		this.err = err;
	}

	/**
	 * Starts the application; a real run (not {@code dryRun}) needs ThingSpace credentials, or {@code simulate}.
	 */
	static Session open(boolean verbose, boolean dryRun, boolean simulate, PrintWriter out, PrintWriter err) {
		List<String> properties = new ArrayList<>();
		SimulatorServer simulator = null;
		if (!dryRun && simulate) {
			simulator = SimulatedApi.start();
			out.println("Simulated ThingSpace API on " + simulator.baseUrl() + " (no real devices are touched)");
			properties.addAll(SimulatedApi.clientProperties(simulator));
		}
		ConfigurableApplicationContext context = null;
		try {
			context = SpringContexts.start(verbose, properties);
			if (simulator != null) {
				SimulatedApi.provideFiles(simulator, context);
			}
			if (!dryRun) {
				checkCredentials(context.getBean(ThingSpaceProperties.class));
			}
			return new Session(context, simulator, out, err);
		}
		catch (RuntimeException ex) {
			if (context != null) {
				context.close();
			}
			if (simulator != null) {
				simulator.close();
			}
			throw ex;
		}
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	/** Launches (or resumes) the job on one input, prints its summary and returns the exit code. */
	int run(InputOptions options, boolean dryRun) {
		RunRequest request = new RunRequest(options.input, options.account, dryRun, options.reportOrDefault(),
				options.sheet, options.dateFormat, options.todayOrNow());
		JobParameters parameters = CampaignJobParameters.of(request, InputFingerprint.sha256(options.input));
		return report(() -> {
			JobRun run = this.context.getBean(CampaignJobLauncher.class).launch(parameters);
			if (run.kind() == JobRun.Kind.ALREADY_COMPLETE && this.reportWhenComplete) {
				this.context.getBean(ResultsReportWriter.class).write(run.execution().getJobInstanceId(), request.report());
			}
			return run;
		});
	}

	/**
	 * Also writes the report where asked when the input was processed before ({@code schedule}: a file's report lies
	 * beside it, even when the same content came in earlier under another name).
	 */
	Session reportWhenComplete() {
		this.reportWhenComplete = true;
		return this;
	}

	/** Restarts one execution with the parameters it ran with, prints its summary and returns the exit code. */
	int restart(JobExecution execution) {
		return report(() -> this.context.getBean(CampaignJobLauncher.class).restart(execution));
	}

	private int report(Launch launch) {
		try {
			JobRun run = launch.run();
			return new RunReporter(this.context, this.out, this.err).report(run);
		}
		catch (UsageException | SpringContexts.JobDatabaseException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(Failures.describe(ex), ex);
		}
	}

	@Override
	public void close() {
		try {
			this.context.close();
		}
		finally {
			if (this.simulator != null) {
				this.simulator.close();
			}
		}
	}

	private static void checkCredentials(ThingSpaceProperties thingSpace) {
		List<String> missing = thingSpace.missingCredentials();
		if (!missing.isEmpty()) {
			throw new UsageException("ThingSpace credentials missing: set " + String.join(", ", missing)
					+ " (or use --dry-run, or --simulate to try against the bundled simulator)");
		}
	}

	@FunctionalInterface
	private interface Launch {

		JobRun run() throws Exception;
	}
}
