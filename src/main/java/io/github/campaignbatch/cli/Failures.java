package io.github.campaignbatch.cli;

import io.github.campaignbatch.input.InputFileException;

/**
 * Turns an exception chain into the one line an operator reads: the most specific message we wrote
 * ourselves, else the root cause. Never a stack trace.
 */
final class Failures {

	private Failures() {
	}

	static String describe(Throwable failure) {
		InputFileException inputProblem = find(failure, InputFileException.class);
		if (inputProblem != null) {
			return inputProblem.getMessage();
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		String text = message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
		int newline = text.indexOf('\n');
		return newline < 0 ? text : text.substring(0, newline);
	}

	static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}
}
