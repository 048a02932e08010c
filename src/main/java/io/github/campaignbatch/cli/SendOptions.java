package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.List;

import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.ApplicationFactory;
import io.github.campaignbatch.application.JobRuns;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.job.RunTarget;

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

	/** {@link RunTarget#NONE}, {@link RunTarget#SIMULATOR} or {@link RunTarget#UNRECORDED} for "the real API". */
	RunTarget target() {
		return this.dryRun ? RunTarget.NONE : this.simulate ? RunTarget.SIMULATOR : RunTarget.UNRECORDED;
	}

	/**
	 * Starts the application whose runs send where these options say.
	 * @param settings {@code name=value} settings that override every other source (e.g. {@code schedule}'s end of
	 * the submit step)
	 * @param announceSimulator print the line that says a simulator answers (a long-running schedule says it once)
	 */
	Application start(ApplicationFactory applications, boolean verbose, List<String> settings,
			boolean announceSimulator, PrintWriter out) {
		return applications.sendingTo(target(), verbose, settings, JobRuns.CREDENTIALS_HINT, banner -> {
			if (announceSimulator) {
				out.println(banner);
			}
		});
	}
}
