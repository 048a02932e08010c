package io.github.campaignbatch.job;

import sun.misc.Signal;

/**
 * Which signal asked the process to stop, for the line that says so: a shutdown hook cannot tell Ctrl-C (SIGINT)
 * from a service manager's SIGTERM, and an operator who pressed Ctrl-C should not read that something sent SIGTERM.
 * The handlers only note the signal and then exit as the JVM's own handlers do (status 128 + the signal's number),
 * so the shutdown hooks, {@link GracefulShutdown} among them, run as before.
 */
public final class StopSignals {

	private static final String[] STOPPING = { "INT", "TERM", "HUP" };

	private static volatile String received;

	private StopSignals() {
	}

	/** Installs the handlers; for the process's entry point only (tests run commands in their own JVM). */
	public static void install() {
		for (String name : STOPPING) {
			try {
				Signal.handle(new Signal(name), signal -> {
					received = "SIG" + signal.getName();
					// System.exit from a thread of its own: the handler's thread must not wait on the hooks it starts.
					Thread exit = new Thread(() -> System.exit(128 + signal.getNumber()), "exit-on-" + signal.getName());
					exit.start();
				});
			}
			catch (IllegalArgumentException unavailable) {
				// a signal this platform or JVM does not let us handle (e.g. one reserved by -Xrs): its default stays
			}
		}
	}

	/** {@code SIGINT}, {@code SIGTERM} or {@code SIGHUP} once one was received; otherwise a neutral word. */
	static String describe() {
		String signal = received;
		return signal == null ? "stop signal" : signal;
	}
}
