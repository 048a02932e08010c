package io.github.campaignbatch.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;

/**
 * The delimiter of a CSV file, found before parsing. Excel writes {@code ;} instead of {@code ,} where the
 * decimal separator is a comma, and states it in a first line {@code sep=;} when asked to; its "Unicode Text"
 * export, a {@code .txt} file, is tab-separated.
 *
 * @param separator {@code ,}, {@code ;} or a tab
 */
record CsvDialect(char separator) {

	/** The delimiters recognised, in the order that breaks ties. */
	private static final char[] SEPARATORS = { ',', ';', '\t' };

	private static final String SEP_DIRECTIVE = "sep=";

	/**
	 * Reads the start of the text and leaves the reader where the CSV parser must start: after a
	 * {@code sep=} line if there is one (Excel does not show it as a row), else at the beginning. Without that
	 * line the header row decides: the delimiter it holds most often outside quotes wins, {@code ,} on a tie.
	 * @param lookAhead how many characters may be read to find the end of the header row
	 * @throws TextProblem, with the row it came up in, when the text before the end of the header is
	 * undecodable or longer than {@code lookAhead}
	 */
	static CsvDialect sniff(BufferedReader reader, int lookAhead) throws IOException {
		try {
			CsvDialect declared = readSepDirective(reader);
			if (declared != null) {
				return declared;
			}
		}
		catch (TextProblem problem) {
			throw problem.atRow(1);
		}
		reader.mark(lookAhead);
		HeaderScan scan = new HeaderScan();
		try {
			for (int c = reader.read(); c != -1 && !scan.headerEnded(c); c = reader.read()) {
				if (scan.charsRead() >= lookAhead) {
					throw new TextProblem(scan.tooLongKind(), "more than " + lookAhead + " characters");
				}
			}
		}
		catch (TextProblem problem) {
			throw problem.atRow(scan.row());
		}
		reader.reset();
		return new CsvDialect(scan.mostFrequentSeparator());
	}

	private static CsvDialect readSepDirective(BufferedReader reader) throws IOException {
		int length = SEP_DIRECTIVE.length() + 2;
		reader.mark(length);
		StringBuilder start = new StringBuilder(length);
		for (int c = reader.read(); c != -1; c = (start.length() < length) ? reader.read() : -1) {
			start.append((char) c);
		}
		reader.reset();
		boolean directive = start.length() > SEP_DIRECTIVE.length()
				&& start.substring(0, SEP_DIRECTIVE.length()).equalsIgnoreCase(SEP_DIRECTIVE)
				&& (start.length() == SEP_DIRECTIVE.length() + 1 || isLineEnd(start.charAt(SEP_DIRECTIVE.length() + 1)));
		if (!directive || indexOf(start.charAt(SEP_DIRECTIVE.length())) < 0) {
			return null;
		}
		reader.readLine();
		return new CsvDialect(start.charAt(SEP_DIRECTIVE.length()));
	}

	private static boolean isLineEnd(int c) {
		return c == '\r' || c == '\n';
	}

	private static int indexOf(int c) {
		for (int i = 0; i < SEPARATORS.length; i++) {
			if (SEPARATORS[i] == c) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Follows the text up to the end of the first non-blank row, counting delimiters outside quotes. A line of
	 * only delimiters and spaces is blank; its delimiters are not counted.
	 */
	private static final class HeaderScan {

		private final int[] counts = new int[SEPARATORS.length];

		private boolean quoted;

		private boolean content;

		private boolean afterCarriageReturn;

		private long row = 1;

		private int charsRead;

		private boolean sawQuote;

		/** What a header too long to be one holds: an open quote, closed quotes, or none. */
		TextProblem.Kind tooLongKind() {
			return this.quoted ? TextProblem.Kind.TOO_LONG_IN_OPEN_QUOTE
					: this.sawQuote ? TextProblem.Kind.TOO_LONG_QUOTES_CLOSED : TextProblem.Kind.TOO_LONG_WITHOUT_QUOTES;
		}

		/** Takes the next character; true when it ends the header row. */
		boolean headerEnded(int c) {
			this.charsRead++;
			boolean secondHalfOfCrLf = this.afterCarriageReturn && c == '\n';
			this.afterCarriageReturn = (c == '\r');
			if (c == '"') {
				this.sawQuote = true;
				this.quoted = !this.quoted;
				this.content = true;
			}
			else if (this.quoted) {
				return false;
			}
			else if (isLineEnd(c)) {
				if (this.content) {
					return true;
				}
				if (!secondHalfOfCrLf) {
					this.row++;
				}
				Arrays.fill(this.counts, 0);
			}
			else if (indexOf(c) >= 0) {
				this.counts[indexOf(c)]++;
			}
			else if (!Character.isWhitespace(c)) {
				this.content = true;
			}
			return false;
		}

		char mostFrequentSeparator() {
			int best = 0;
			for (int i = 1; i < SEPARATORS.length; i++) {
				if (this.counts[i] > this.counts[best]) {
					best = i;
				}
			}
			return SEPARATORS[best];
		}

		long row() {
			return this.row;
		}

		int charsRead() {
			return this.charsRead;
		}
	}
}
