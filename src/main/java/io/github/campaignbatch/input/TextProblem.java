package io.github.campaignbatch.input;

import java.io.IOException;

/**
 * A problem found while decoding CSV text, before the CSV parser sees it. It carries no row number: only the
 * reader of records knows which row it was in when this came up.
 */
final class TextProblem extends IOException {

	enum Kind {

		/** Bytes that are not valid in the file's encoding. */
		MALFORMED,

		/** A NUL character, which text never holds but binary files and UTF-16 without a BOM do. */
		NUL,

		/** A record longer than the reader accepts. */
		TOO_LONG
	}

	private final Kind kind;

	TextProblem(Kind kind, String detail) {
		super(detail);
		this.kind = kind;
	}

	Kind kind() {
		return this.kind;
	}
}
