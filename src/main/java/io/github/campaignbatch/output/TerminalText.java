package io.github.campaignbatch.output;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The one place where text meets a terminal or a log. Values from an input file, from the vendor or from a file
 * name may hold control characters: an ESC sequence can erase a line and print a forged one, OSC sequences retitle
 * the window or plant links, BEL rings, backspace and carriage return overwrite, and bidirectional overrides
 * (U+202E) reorder what is shown. {@link #clean} makes a value printable on one line; {@link #cleaning} wraps a
 * whole output stream, keeping only its line breaks and tabs; {@link CleanLogMessages} applies {@link #clean} to every
 * log message.
 */
public final class TerminalText {

	/** What a control or format character is shown as. */
	public static final char REPLACEMENT = '?';

	private TerminalText() {
	}

	/**
	 * A value made safe for one line of a terminal or log: line breaks and tabs become spaces, every other control
	 * or format character (ESC, BEL, backspace, DEL, C1 controls, zero-width and bidirectional marks) becomes
	 * {@value #REPLACEMENT}.
	 */
	public static String clean(String value) {
		if (value == null) {
			return "";
		}
		if (!needsCleaning(value)) {
			return value;
		}
		StringBuilder cleaned = new StringBuilder(value.length());
		value.codePoints().forEach(c -> {
			if (isShownAsSpace(c)) {
				cleaned.append(' ');
			}
			else {
				cleaned.appendCodePoint(isUnsafe(c) ? REPLACEMENT : c);
			}
		});
		return cleaned.toString();
	}

	/** Whether {@link #clean} shows a character as a space: a line break or a tab. */
	public static boolean isShownAsSpace(int codePoint) {
		return codePoint == '\n' || codePoint == '\r' || codePoint == '\t' || codePoint == 0x2028 || codePoint == 0x2029;
	}

	/** Whether a character must never reach a terminal raw (and is refused in text cells at validation). */
	public static boolean isUnsafe(int codePoint) {
		int type = Character.getType(codePoint);
		return type == Character.CONTROL || type == Character.FORMAT || codePoint == 0x2028 || codePoint == 0x2029;
	}

	/** The first unsafe character of a value, or -1. */
	public static int firstUnsafe(String value) {
		for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
			if (isUnsafe(value.codePointAt(i))) {
				return value.codePointAt(i);
			}
		}
		return -1;
	}

	/** How an unsafe character is named in a message: {@code U+001B}. */
	public static String describe(int codePoint) {
		return String.format("U+%04X", codePoint);
	}

	private static boolean needsCleaning(String value) {
		return firstUnsafe(value) >= 0;
	}

	/**
	 * A stream whose every character passes through here: line breaks and tabs stay (the output's own layout), every
	 * other control or format character becomes {@value #REPLACEMENT}. Values should still be {@link #clean}ed,
	 * which also keeps them from breaking a line.
	 */
	public static PrintWriter cleaning(PrintWriter target) {
		return new PrintWriter(new CleaningWriter(target), true);
	}

	private static final class CleaningWriter extends Writer {

		private final PrintWriter target;

		CleaningWriter(PrintWriter target) {
			this.target = target;
		}

		@Override
		public void write(char[] buffer, int offset, int length) {
			char[] cleaned = new char[length];
			for (int i = 0; i < length; i++) {
				char c = buffer[offset + i];
				// Surrogates are halves of printable characters; Character.getType of a half says SURROGATE.
				cleaned[i] = c == '\n' || c == '\t' || Character.isSurrogate(c) || !isUnsafe(c) ? c : REPLACEMENT;
			}
			this.target.write(cleaned, 0, length);
		}

		@Override
		public void flush() {
			this.target.flush();
		}

		@Override
		public void close() {
			this.target.flush();
		}
	}
}
