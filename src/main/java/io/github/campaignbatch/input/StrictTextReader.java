package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes to text and refuses instead of guessing: bytes invalid in the charset and NUL characters end
 * the text with a {@link TextProblem}, where {@link java.io.InputStreamReader} would substitute U+FFFD and a
 * Windows-1252 file would turn into mojibake.
 * <p>
 * The problem is raised only once the characters before it have been handed out, so that a reader of records
 * meets it in the record that holds the bad bytes and can name the right row.
 */
final class StrictTextReader extends Reader {

	private static final int BUFFER_BYTES = 8192;

	private final InputStream in;

	private final CharsetDecoder decoder;

	private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES).flip();

	private boolean endOfInput;

	private boolean finished;

	private TextProblem problem;

	StrictTextReader(InputStream in, Charset charset) {
		this.in = in;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	@Override
	public int read(char[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.problem != null) {
			throw this.problem;
		}
		CharBuffer out = CharBuffer.wrap(target, offset, length);
		while (out.position() == offset && this.problem == null && !this.finished) {
			CoderResult result = this.decoder.decode(this.bytes, out, this.endOfInput);
			if (result.isError()) {
				this.problem = new TextProblem(TextProblem.Kind.MALFORMED,
						"invalid " + this.decoder.charset().name() + " byte sequence");
			}
			else if (result.isUnderflow()) {
				if (this.endOfInput) {
					this.decoder.flush(out);
					this.finished = true;
				}
				else {
					fill();
				}
			}
		}
		int produced = out.position() - offset;
		for (int i = offset; i < offset + produced; i++) {
			if (target[i] == '\0') {
				produced = i - offset;
				this.problem = new TextProblem(TextProblem.Kind.NUL, "NUL character");
				break;
			}
		}
		if (produced == 0) {
			if (this.problem != null) {
				throw this.problem;
			}
			return -1;
		}
		return produced;
	}

	private void fill() throws IOException {
		this.bytes.compact();
		int read = this.in.read(this.bytes.array(), this.bytes.arrayOffset() + this.bytes.position(),
				this.bytes.remaining());
		if (read < 0) {
			this.endOfInput = true;
		}
		else {
			this.bytes.position(this.bytes.position() + read);
		}
		this.bytes.flip();
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}
}
