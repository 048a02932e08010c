package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.ApplicationFactory;
import io.github.campaignbatch.application.JobRuns;
import io.github.campaignbatch.input.InputFingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the real job. Submits every planned campaign exactly once; running it again on the same input
 * and account restarts a failed run, or says when a completed one was processed.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Validate, group and submit the input's campaigns to ThingSpace, exactly once.",
				"Running it again with the same input content and account resumes a failed run.",
				"After a completed run it sends nothing and says where the report is." })
class RunCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	RunCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

	@Mixin
	InputOptions options;

	@Mixin
	SendOptions send;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		this.send.requireAccount(this.options.run);
		return execute(this.applications, this.options, this.send, this.spec.commandLine().getOut(),
				this.spec.commandLine().getErr());
	}

	/**
	 * The flow {@code validate} and {@code run} share: check the input, start the application (and the simulator, with
	 * {@code --simulate}), launch or restart the job, print the summary, return the exit code.
	 */
	static int execute(ApplicationFactory applications, InputOptions options, SendOptions send, PrintWriter out,
			PrintWriter err) {
		options.run.rollout.policy();
		InputFingerprint.Pending fingerprint = options.precheck(send.simulated(), err);
		try (Application application = send.start(applications, options.run.logging.verbose, List.of(), true, out)) {
			JobRuns runs = JobRuns.on(application, out, err);
			return runs.run(options.request(runs), fingerprint).exitCode();
		}
	}
}
