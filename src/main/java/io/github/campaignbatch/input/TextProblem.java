package io.github.campaignbatch.input;

import java.io.IOException;

/**
 * A problem with CSV text as text: undecodable bytes, NUL characters, a record too long or a quote never
 * closed. The code that finds it may not know the row; the code reading rows then adds it with
 * {@link #atRow(long)} or knows it itself.
 */
final class TextProblem extends IOException {

	enum Kind {

		/** Bytes that are not valid in the file's encoding. */
		MALFORMED,

		/** A NUL character, which text never holds but binary files and UTF-16 without a BOM do. */
		NUL,

		/** A record longer than the reader accepts, inside a quoted field that is still open. */
		TOO_LONG_IN_OPEN_QUOTE,

		/** A record longer than the reader accepts, whose quotes are all closed. */
		TOO_LONG_QUOTES_CLOSED,

		/** A record longer than the reader accepts that holds no quote at all. */
		TOO_LONG_WITHOUT_QUOTES,

		/** A quoted field still open at the end of the text. */
		UNCLOSED_QUOTE
	}

	private final Kind kind;

	private final long row;

	TextProblem(Kind kind, String detail) {
		this(kind, detail, 0);
	}

	private TextProblem(Kind kind, String detail, long row) {
		super(detail);
		this.kind = kind;
		this.row = row;
	}

	/** The same problem, known to have come up in the given row. */
	TextProblem atRow(long row) {
		TextProblem located = new TextProblem(this.kind, getMessage(), row);
		located.setStackTrace(getStackTrace());
		return located;
	}

	Kind kind() {
		return this.kind;
	}

	/** The row the problem came up in, or 0 when not known. */
	long row() {
		return this.row;
	}
}
