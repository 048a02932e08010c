package io.github.campaignbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code run}: the real job. Submits every planned campaign exactly once; running it again on the same input
 * and account restarts a failed run, or says when a completed one was processed.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Validate, group and submit the input's campaigns to ThingSpace, exactly once.",
				"Running it again with the same input content and account resumes a failed run.",
				"After a completed run it sends nothing and says where the report is." })
class RunCommand implements Callable<Integer> {

	@Mixin
	InputOptions options;

	@Mixin
	SendOptions send;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		this.send.requireAccount(this.options.run);
		return JobCommand.execute(this.options, this.send, this.spec.commandLine().getOut(),
				this.spec.commandLine().getErr());
	}
}
