package io.github.campaignbatch.inbox;

/**
 * What became of one claimed file, and so where it goes next.
 */
public enum FileOutcome {

	/** The job completed (some devices may have been rejected): to {@code done/} with its report. */
	DONE,

	/** The file cannot be processed as it is (unreadable, bad header): to {@code failed/} with an error note. */
	UNREADABLE,

	/**
	 * The job failed or stopped, or ended with campaigns in doubt, and is restartable: the file stays in
	 * {@code processing/} for a later tick.
	 */
	RESTARTABLE,

	/** It could not start now (e.g. another process runs the same content): back to the inbox for the next tick. */
	RETRY
}
