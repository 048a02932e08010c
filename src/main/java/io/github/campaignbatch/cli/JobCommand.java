package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.List;

import io.github.campaignbatch.output.TerminalText;

/**
 * The flow shared by {@code validate} and {@code run}: check the input, start the application (and the
 * simulator, with {@code --simulate}), launch or restart the job, print the summary, return the exit code.
 */
final class JobCommand {

	/** How many ignored column names the warning lists before it says how many more there are. */
	static final int COLUMNS_LISTED = 20;

	private JobCommand() {
	}

	static int execute(InputOptions options, SendOptions send, PrintWriter out, PrintWriter err) {
		options.run.rollout.policy();
		precheck(options, send.simulated(), err);
		try (Session session = Session.open(options.run.logging.verbose, send, out, err)) {
			return session.run(options).exitCode();
		}
	}

	/** Checks the input before anything starts (a usage error if it cannot be read) and warns of ignored columns. */
	static void precheck(InputOptions options, boolean simulated, PrintWriter err) {
		List<String> ignored = InputPrecheck.check(options, simulated);
		if (!ignored.isEmpty()) {
			err.println("warning: " + TerminalText.clean(options.input.getFileName().toString()) + ": ignoring unknown column(s) " + listed(ignored));
		}
	}

	static String listed(List<String> columns) {
		if (columns.size() <= COLUMNS_LISTED) {
			return String.join(", ", columns);
		}
		return String.join(", ", columns.subList(0, COLUMNS_LISTED)) + " and " + (columns.size() - COLUMNS_LISTED)
				+ " more";
	}
}
