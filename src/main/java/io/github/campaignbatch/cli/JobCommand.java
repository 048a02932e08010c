package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.job.CampaignJobLauncher;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.JobRun;
import io.github.campaignbatch.job.RunRequest;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.thingspace.ThingSpaceProperties;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The flow shared by {@code validate} and {@code run}: check the input, start the application (and the
 * simulator, with {@code --simulate}), launch or restart the job, print the summary, return the exit code.
 */
final class JobCommand {

	private JobCommand() {
	}

	static int execute(InputOptions options, boolean dryRun, boolean simulate, PrintWriter out, PrintWriter err) {
		List<String> ignored = InputPrecheck.check(options);
		if (!ignored.isEmpty()) {
			err.println("warning: " + options.input.getFileName() + ": ignoring unknown column(s) " + String.join(", ", ignored));
		}
		List<String> properties = new ArrayList<>();
		SimulatorServer simulator = null;
		if (!dryRun && simulate) {
			simulator = SimulatorServer.start(SimulatorOptions.defaults());
			out.println("Simulated ThingSpace API on " + simulator.baseUrl() + " (no real devices are touched)");
			properties.add("thingspace.base-url=" + simulator.baseUrl());
			properties.add("thingspace.client-id=" + SimulatorOptions.DEFAULT_CLIENT_ID);
			properties.add("thingspace.client-secret=" + SimulatorOptions.DEFAULT_CLIENT_SECRET);
			properties.add("thingspace.username=" + SimulatorOptions.DEFAULT_USERNAME);
			properties.add("thingspace.password=" + SimulatorOptions.DEFAULT_PASSWORD);
		}
		try (ConfigurableApplicationContext context = SpringContexts.start(options.verbose, properties)) {
			if (!dryRun) {
				checkCredentials(context.getBean(ThingSpaceProperties.class));
			}
			RunRequest request = new RunRequest(options.input, options.account, dryRun, options.reportOrDefault(),
					options.sheet, options.dateFormat, options.todayOrNow());
			JobParameters parameters = CampaignJobParameters.of(request, InputFingerprint.sha256(options.input));
			JobRun run = context.getBean(CampaignJobLauncher.class).launch(parameters);
			return new RunReporter(context, out, err).report(run);
		}
		catch (UsageException | SpringContexts.JobDatabaseException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(Failures.describe(ex), ex);
		}
		finally {
			if (simulator != null) {
				simulator.close();
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
}
