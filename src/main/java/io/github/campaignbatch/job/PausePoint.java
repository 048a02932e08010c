package io.github.campaignbatch.job;

import java.io.IOException;
import java.util.Locale;

/**
 * Named points inside the long steps where the process tests hold the job: with {@code CAMPAIGN_BATCH_PAUSE_AT=<point>}
 * in the environment (never set in operation) the process prints {@code paused at <point>} on stderr and waits,
 * holding whatever it holds at that moment, until it is killed (the crash tests: SIGKILL lands inside the step) or
 * its standard input ends (then the job goes on: a test closes it to let the job finish).
 */
final class PausePoint {

	/** The load step, after its first chunk is staged. */
	static final String LOAD = "load";

	/** The group step, after grouping in the staging file and before the campaigns are planned in the ledger. */
	static final String GROUP = "group";

	/** The report step, after the first lines are written to the temporary report file. */
	static final String REPORT = "report";

	private static final String PAUSE_AT = System.getenv("CAMPAIGN_BATCH_PAUSE_AT");

	private PausePoint() {
	}

	static void reach(String point) {
		if (PAUSE_AT == null || !PAUSE_AT.toLowerCase(Locale.ROOT).equals(point)) {
			return;
		}
		System.err.println("paused at " + point);
		System.err.flush();
		try {
			while (System.in.read() >= 0) {
				// until the input ends
			}
		}
		catch (IOException ex) {
			// no input to wait on: go on
		}
	}
}
