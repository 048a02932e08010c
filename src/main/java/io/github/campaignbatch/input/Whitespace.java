package io.github.campaignbatch.input;

/**
 * White space of any Unicode kind, which is never part of a cell's value: besides the ASCII kinds,
 * the non-breaking spaces (U+00A0, U+2007, U+202F) that a value copied from a web page or a PDF brings along, the
 * other Unicode spaces and line separators, and the invisible zero-width characters (U+200B-U+200D, U+2060,
 * U+FEFF). {@link String#strip()} keeps the non-breaking and zero-width ones.
 */
public final class Whitespace {

	private Whitespace() {
	}

	/** Whether a character is white space or invisible. */
	public static boolean is(int c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= '\u200B' && c <= '\u200D')
				|| c == '\u2060' || c == '\uFEFF';
	}

	/** The text without white space of any kind at either end. */
	public static String strip(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && is(text.codePointAt(start))) {
			start += Character.charCount(text.codePointAt(start));
		}
		while (end > start && is(text.codePointBefore(end))) {
			end -= Character.charCount(text.codePointBefore(end));
		}
		return (start == 0 && end == text.length()) ? text : text.substring(start, end);
	}

	/** Whether the text is empty or white space only. */
	public static boolean isBlank(String text) {
		return strip(text).isEmpty();
	}
}
