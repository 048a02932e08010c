package io.github.campaignbatch.application;

/**
 * The process exit codes: part of the contract with schedulers and scripts (README, docs/operations.md).
 */
public final class ExitCodes {

	/** Every device planned (dry run) or scheduled. */
	public static final int OK = 0;

	/** The job failed; it is restartable and nothing was lost. */
	public static final int FAILED = 1;

	/** Usage error or unreadable input: nothing was run. */
	public static final int USAGE = 2;

	/** The job completed but some devices were rejected (INVALID, DUPLICATE, CONFLICT, REJECTED). */
	public static final int REJECTED = 3;

	/** Another process is running this input right now, or has the embedded H2 job database open. */
	public static final int ALREADY_RUNNING = 4;

	/**
	 * The run ended with campaigns in doubt (sent, answer lost, not in ThingSpace's history yet) and nothing else
	 * wrong: nothing is lost or sent twice; a run or restart after the time it gives settles them.
	 */
	public static final int IN_DOUBT = 5;

	private ExitCodes() {
	}
}
