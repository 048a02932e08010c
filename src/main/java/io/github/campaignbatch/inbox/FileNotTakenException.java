package io.github.campaignbatch.inbox;

import java.nio.file.Path;

/**
 * A file the inbox could not take in, for a reason of its own (its owner, its permissions, a read error): either it
 * was claimed into {@code processing/} but cannot be read there, and goes on to {@code failed/} with the reason, or
 * it could not even be moved out of the inbox and is left where it is. Either way the other files go on. The message
 * is one line naming the file, what went wrong and what to do.
 */
public class FileNotTakenException extends RuntimeException {

	private final Path file;

	private final boolean claimed;

	FileNotTakenException(Path file, boolean claimed, String message, Throwable cause) {
		super(message, cause);
		this.file = file;
		this.claimed = claimed;
	}

	/** Where the file lies now: in {@code processing/} when {@link #claimed()}, else still in the inbox. */
	public Path file() {
		return this.file;
	}

	/** Whether the file is in {@code processing/}, to be moved to {@code failed/} with this reason. */
	public boolean claimed() {
		return this.claimed;
	}
}
