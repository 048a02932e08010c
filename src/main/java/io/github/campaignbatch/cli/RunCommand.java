package io.github.campaignbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code run}: the real job. Submits every planned campaign exactly once; running it again on the same input
 * and account restarts a failed run, or says when a completed one was processed.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Validate, group and submit the input's campaigns to ThingSpace, exactly once.",
				"Running it again with the same input content and account resumes a failed run;",
				"after a completed run it sends nothing and says where the report is." })
class RunCommand implements Callable<Integer> {

	@Mixin
	InputOptions options;

	@Option(names = "--dry-run", description = "Validate and plan only, like 'validate'.")
	boolean dryRun;

	@Option(names = "--simulate",
			description = "Submit to the bundled ThingSpace simulator started in-process on a free loopback port"
					+ " (demo credentials; nothing real is touched).")
	boolean simulate;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		// Rows may carry their own account, but a real run names one, so that what it submits under is explicit.
		if (!this.dryRun && (this.options.account == null || this.options.account.isBlank())) {
			throw new UsageException("--account is required for a real run");
		}
		return JobCommand.execute(this.options, this.dryRun, this.simulate, this.spec.commandLine().getOut(),
				this.spec.commandLine().getErr());
	}
}
