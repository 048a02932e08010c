package io.github.campaignbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code validate}: a dry run. Reads, validates and groups the input and writes the report; sends nothing.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Dry run: read, validate and group the input, write the results report, send nothing.",
				"Can be repeated on the same file as often as wanted." })
class ValidateCommand implements Callable<Integer> {

	@Mixin
	InputOptions options;

	@picocli.CommandLine.Option(names = "--online",
			description = "Also run the pre-flight checks against ThingSpace (files available to the account, devices"
					+ " already in an active campaign of this database); reads only, creates nothing.")
	boolean online;

	@picocli.CommandLine.Option(names = "--simulate", description = "With --online: check against the bundled simulator.")
	boolean simulate;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		if (this.online) {
			return OnlineValidation.execute(this.options, this.simulate, this.spec.commandLine().getOut(),
					this.spec.commandLine().getErr());
		}
		return JobCommand.execute(this.options, SendOptions.dryRunOnly(), this.spec.commandLine().getOut(),
				this.spec.commandLine().getErr());
	}
}
