package io.github.campaignbatch.application;

/**
 * Turns an exception chain into the one line an operator reads: the most specific message we wrote
 * ourselves, else the root cause. Never a stack trace.
 */
public final class Failures {

	private Failures() {
	}

	public static String describe(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			// Our own exceptions carry messages written for the operator; a framework's wrapper does not.
			if (t.getClass().getName().startsWith("io.github.campaignbatch.") && t.getMessage() != null) {
				return firstLine(t.getMessage());
			}
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return firstLine(message == null || message.isBlank() ? root.getClass().getSimpleName() : message);
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		return newline < 0 ? text : text.substring(0, newline);
	}

	public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}
}
