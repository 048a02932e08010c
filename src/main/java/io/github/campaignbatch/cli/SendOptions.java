package io.github.campaignbatch.cli;

import picocli.CommandLine.Option;

/**
 * Where a run's campaigns go: the options {@code run} and {@code schedule} share (a picocli mixin).
 */
class SendOptions {

	@Option(names = "--dry-run", description = "Validate and plan only, like 'validate'; nothing is sent.")
	boolean dryRun;

	@Option(names = "--simulate",
			description = "Submit to the bundled ThingSpace simulator started in-process on a free loopback port"
					+ " (demo credentials; nothing real is touched). Kept apart from real runs.")
	boolean simulate;

	/** Rows may carry their own account, but a run that sends names one, so that what it submits under is explicit. */
	void requireAccount(RunOptions options) {
		if (!this.dryRun && !options.hasAccount()) {
			throw new UsageException("--account is required (only --dry-run and 'validate' go without it)");
		}
	}

	/** What {@code validate} runs with. */
	static SendOptions dryRunOnly() {
		SendOptions send = new SendOptions();
		send.dryRun = true;
		return send;
	}

	boolean simulated() {
		return !this.dryRun && this.simulate;
	}
}
