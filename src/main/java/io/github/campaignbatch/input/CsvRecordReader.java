package io.github.campaignbatch.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

import com.opencsv.ICSVParser;
import com.opencsv.RFC4180ParserBuilder;

/**
 * Splits CSV text into records and each record into fields. Records end at a line break outside quotes, found
 * by a scan that follows RFC 4180's quoting; fields are split by opencsv's RFC 4180 parser. opencsv's own
 * reader is not used because it parses again all the text gathered so far for each further line of a record,
 * which takes quadratic time on a long multi-line cell or on a quote that is never closed.
 * <p>
 * Line breaks inside a quoted field come out as {@code \n}, whatever the file used.
 */
final class CsvRecordReader implements Closeable {

	private static final int BUFFER_CHARS = 8192;

	/** A record buffer grown past this size is let go after use, not kept for the rest of the file. */
	private static final int RETAINED_RECORD_CHARS = 64 * 1024;

	private enum State {

		FIELD_START, UNQUOTED, QUOTED,

		/** A quote inside a quoted field: it closes the field, unless the next character is a quote too. */
		QUOTE_IN_QUOTED
	}

	private final Reader text;

	private final char separator;

	private final ICSVParser parser;

	private final long maxRecordChars;

	private final char[] buffer = new char[BUFFER_CHARS];

	private int position;

	private int limit;

	private boolean afterCarriageReturn;

	private StringBuilder record = new StringBuilder();

	/** Whether the record read so far holds a quote. */
	private boolean quoted;

	CsvRecordReader(Reader text, char separator, long maxRecordChars) {
		this.text = text;
		this.separator = separator;
		this.parser = new RFC4180ParserBuilder().withSeparator(separator).build();
		this.maxRecordChars = maxRecordChars;
	}

	/**
	 * The fields of the next record, or {@code null} at the end of the text.
	 * @throws TextProblem when the text is undecodable, a record is too long, or a quote is still open at the end
	 */
	String[] next() throws IOException {
		this.record.setLength(0);
		this.quoted = false;
		State state = State.FIELD_START;
		boolean started = false;
		while (this.position < this.limit || fill()) {
			if (state != State.QUOTED && !this.afterCarriageReturn) {
				// outside quotes, a run of plain characters changes nothing but the state: copied at once
				int run = plainRun();
				if (run > 0) {
					started = true;
					state = this.buffer[this.position + run - 1] == this.separator ? State.FIELD_START : State.UNQUOTED;
					this.record.append(this.buffer, this.position, run);
					this.position += run;
					checkLength(state);
					continue;
				}
			}
			char c = this.buffer[this.position++];
			if (this.afterCarriageReturn) {
				this.afterCarriageReturn = false;
				if (c == '\n') {
					continue;
				}
			}
			started = true;
			if (c == '\r' || c == '\n') {
				this.afterCarriageReturn = (c == '\r');
				if (state != State.QUOTED) {
					return fields();
				}
				append('\n', state);
			}
			else {
				state = next(state, c);
				append(c, state);
			}
		}
		if (!started) {
			return null;
		}
		if (state == State.QUOTED) {
			throw new TextProblem(TextProblem.Kind.UNCLOSED_QUOTE, "quote still open at the end of the text");
		}
		return fields();
	}

	/** How many characters from the position are neither a quote nor a line break. */
	private int plainRun() {
		int end = this.position;
		while (end < this.limit) {
			char c = this.buffer[end];
			if (c == '"' || c == '\r' || c == '\n') {
				break;
			}
			end++;
		}
		return end - this.position;
	}

	private State next(State state, char c) {
		boolean quote = c == '"';
		if (quote) {
			this.quoted = true;
		}
		boolean separates = c == this.separator;
		return switch (state) {
			case FIELD_START -> quote ? State.QUOTED : separates ? State.FIELD_START : State.UNQUOTED;
			case UNQUOTED -> separates ? State.FIELD_START : State.UNQUOTED;
			case QUOTED -> quote ? State.QUOTE_IN_QUOTED : State.QUOTED;
			// after a closing quote Excel takes the rest of the field as it is
			case QUOTE_IN_QUOTED -> quote ? State.QUOTED : separates ? State.FIELD_START : State.UNQUOTED;
		};
	}

	private void append(char c, State state) throws TextProblem {
		this.record.append(c);
		checkLength(state);
	}

	private void checkLength(State state) throws TextProblem {
		if (this.record.length() > this.maxRecordChars) {
			// Say what was found: an open quote is the usual cause, but a line without any is a huge cell.
			TextProblem.Kind kind = state == State.QUOTED ? TextProblem.Kind.TOO_LONG_IN_OPEN_QUOTE
					: this.record.indexOf("\"") >= 0 ? TextProblem.Kind.TOO_LONG_QUOTES_CLOSED
							: TextProblem.Kind.TOO_LONG_WITHOUT_QUOTES;
			throw new TextProblem(kind, "more than " + this.maxRecordChars + " characters");
		}
	}

	private String[] fields() throws IOException {
		// without a quote, RFC 4180 fields are the text between separators; opencsv would split the same way
		String[] fields = this.quoted || this.record.isEmpty() ? this.parser.parseLine(this.record.toString())
				: splitAtSeparators();
		if (this.record.capacity() > RETAINED_RECORD_CHARS) {
			this.record = new StringBuilder();
		}
		return fields;
	}

	private String[] splitAtSeparators() {
		int count = 1;
		for (int i = 0, n = this.record.length(); i < n; i++) {
			if (this.record.charAt(i) == this.separator) {
				count++;
			}
		}
		String[] fields = new String[count];
		int field = 0;
		int start = 0;
		for (int i = 0, n = this.record.length(); i < n; i++) {
			if (this.record.charAt(i) == this.separator) {
				fields[field++] = this.record.substring(start, i);
				start = i + 1;
			}
		}
		fields[field] = this.record.substring(start);
		return fields;
	}

	private boolean fill() throws IOException {
		int read = this.text.read(this.buffer, 0, this.buffer.length);
		this.position = 0;
		this.limit = Math.max(read, 0);
		return read > 0;
	}

	@Override
	public void close() throws IOException {
		this.text.close();
	}
}
