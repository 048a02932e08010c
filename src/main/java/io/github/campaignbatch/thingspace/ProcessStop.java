package io.github.campaignbatch.thingspace;

/**
 * Whether the process is stopping (a SIGTERM's graceful stop has begun). From then on the client's waits
 * ({@link Sleeper#SYSTEM}: retry backoff, a pause the server asked for, the rate limiter) end at once as
 * interrupted: a request not sent yet is not sent (the campaign stays unsent, the next run sends it), instead of
 * holding the stop for up to {@code retry.max-backoff}. A request already on its way is not cut.
 */
public final class ProcessStop {

	private static volatile boolean requested;

	private ProcessStop() {
	}

	/** Called once the stop has begun; for the rest of the process's life. */
	public static void request() {
		requested = true;
	}

	public static boolean requested() {
		return requested;
	}
}
