package io.github.campaignbatch.application;

import io.github.campaignbatch.inbox.FileOutcome;

/**
 * The {@code schedule} tick's decisions on exit codes: where a file goes after its run, and which exit code a tick of
 * several files ends with.
 */
public final class ScheduleRules {

	private ScheduleRules() {
	}

	/** Where a file goes after its run; campaigns in doubt (IN_DOUBT) keep it in processing/, as a failure does. */
	public static FileOutcome fileOutcome(int exitCode, FileOutcome whenAlreadyRunning) {
		return switch (exitCode) {
			case ExitCodes.OK, ExitCodes.REJECTED -> FileOutcome.DONE;
			case ExitCodes.USAGE -> FileOutcome.UNREADABLE;
			case ExitCodes.ALREADY_RUNNING -> whenAlreadyRunning;
			default -> FileOutcome.RESTARTABLE;
		};
	}

	/**
	 * Failed beats unreadable beats campaigns-in-doubt beats another-process-has-it beats rejected devices beats OK.
	 */
	public static int worse(int a, int b) {
		return rank(a) >= rank(b) ? a : b;
	}

	private static int rank(int exitCode) {
		return switch (exitCode) {
			case ExitCodes.OK -> 0;
			case ExitCodes.REJECTED -> 1;
			case ExitCodes.ALREADY_RUNNING -> 2;
			case ExitCodes.IN_DOUBT -> 3;
			case ExitCodes.USAGE -> 4;
			default -> 5;
		};
	}
}
