package io.github.campaignbatch.input;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The delimiter of a CSV file, found before parsing: Excel writes {@code ;} instead of {@code ,} where the
 * decimal separator is a comma, and states it in a first line {@code sep=;} when asked to.
 *
 * @param separator {@code ,} or {@code ;}
 */
record CsvDialect(char separator) {

	private static final String SEP_DIRECTIVE = "sep=";

	/**
	 * Reads the start of the text and leaves the reader where the CSV parser must start: after a
	 * {@code sep=} line if there is one (Excel does not show it as a row), else at the beginning. Without that
	 * line the header row decides: whichever of {@code ,} and {@code ;} it holds more often outside quotes,
	 * {@code ,} on a tie.
	 * @param lookAhead how many characters may be read to find the header row
	 * @throws TextProblem when the text is undecodable before the header ends, or the header is too long
	 * @throws SniffedRowException the same, with the row it came up in
	 */
	static CsvDialect sniff(BufferedReader reader, int lookAhead) throws IOException {
		CsvDialect declared = readSepDirective(reader);
		if (declared != null) {
			return declared;
		}
		reader.mark(lookAhead);
		int commas = 0;
		int semicolons = 0;
		boolean quoted = false;
		boolean content = false;
		boolean afterCarriageReturn = false;
		long row = 1;
		int read = 0;
		try {
			for (int c = reader.read(); c != -1; c = reader.read()) {
				if (++read >= lookAhead) {
					throw new TextProblem(TextProblem.Kind.TOO_LONG, "more than " + lookAhead + " characters");
				}
				boolean lineFeedAfterCarriageReturn = afterCarriageReturn && c == '\n';
				afterCarriageReturn = (c == '\r');
				if (c == '"') {
					quoted = !quoted;
					content = true;
				}
				else if (quoted) {
					continue;
				}
				else if (c == '\r' || c == '\n') {
					if (content) {
						break;
					}
					if (!lineFeedAfterCarriageReturn) {
						row++;
					}
					commas = 0;
					semicolons = 0;
				}
				else if (c == ',') {
					commas++;
				}
				else if (c == ';') {
					semicolons++;
				}
				else if (!Character.isWhitespace(c)) {
					content = true;
				}
			}
		}
		catch (TextProblem problem) {
			throw new SniffedRowException(problem, row);
		}
		reader.reset();
		return new CsvDialect((semicolons > commas) ? ';' : ',');
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
		char separator = directive ? start.charAt(SEP_DIRECTIVE.length()) : 0;
		if (separator != ',' && separator != ';') {
			return null;
		}
		reader.readLine();
		return new CsvDialect(separator);
	}

	private static boolean isLineEnd(char c) {
		return c == '\r' || c == '\n';
	}

	/** A {@link TextProblem} met while sniffing, with the row it came up in. */
	static final class SniffedRowException extends IOException {

		private final long row;

		SniffedRowException(TextProblem problem, long row) {
			super(problem);
			this.row = row;
		}

		TextProblem problem() {
			return (TextProblem) getCause();
		}

		long row() {
			return this.row;
		}
	}
}
