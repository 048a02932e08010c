package io.github.campaignbatch.simulator;

/**
 * Thrown out of the HTTP handler to cut the connection without a response byte: the JDK server closes the
 * connection of a handler that throws, and the client sees an end-of-stream or reset instead of an answer.
 */
final class ConnectionDrop extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ConnectionDrop() {
		super("injected dropped connection", null, false, false);
	}
}
