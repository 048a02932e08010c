package io.github.campaignbatch.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The encoding of CSV text: UTF-8 unless a byte-order mark says UTF-16. Excel's "CSV UTF-8" writes a UTF-8
 * BOM and its "Unicode Text" a UTF-16 LE one; a file without a BOM in a legacy code page fails as invalid
 * UTF-8 rather than being read wrongly.
 */
final class TextEncoding {

	private TextEncoding() {
	}

	/** Reads the byte-order mark, if any, from the start of the stream and returns the charset it means. */
	static Charset readByteOrderMark(BufferedInputStream in) throws IOException {
		in.mark(3);
		int first = in.read();
		int second = in.read();
		if (first == 0xFF && second == 0xFE) {
			return StandardCharsets.UTF_16LE;
		}
		if (first == 0xFE && second == 0xFF) {
			return StandardCharsets.UTF_16BE;
		}
		if (first == 0xEF && second == 0xBB && in.read() == 0xBF) {
			return StandardCharsets.UTF_8;
		}
		in.reset();
		return StandardCharsets.UTF_8;
	}
}
