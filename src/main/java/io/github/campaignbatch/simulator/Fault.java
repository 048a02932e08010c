package io.github.campaignbatch.simulator;

/**
 * A failure the simulator injects into a FOTA call.
 */
enum Fault {
	NONE,
	/** 500 and nothing done: a retry is safe. */
	ERROR_BEFORE_PROCESSING,
	/** The call takes effect (a campaign is created), yet the client gets a 500: only the history tells. */
	ERROR_AFTER_PROCESSING,
	/** The call takes effect, then the connection closes without a response byte. */
	DROP_AFTER_PROCESSING
}
