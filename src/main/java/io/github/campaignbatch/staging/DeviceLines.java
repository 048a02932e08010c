package io.github.campaignbatch.staging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The load step's device rows on their way into the staging file: one tab-separated line each, loaded into the
 * {@code device} table by one statement at the end of the step ({@link StagedLoad#finish}). DuckDB's appender costs
 * about twice the reading and validating of a row; writing a line costs a tenth of it, and DuckDB reads the lines
 * back on every core.
 * <p>
 * The text is written as it is, with no quoting or escaping: only text that needs none may come here
 * ({@link #canCarry}); a row with other text goes through the appender instead. A missing value is {@value #NULL}.
 */
final class DeviceLines implements AutoCloseable {

	/** How a missing value is written: never a value of its own, see {@link #canCarry}. */
	static final String NULL = "\\N";

	private static final int BUFFER_BYTES = 1 << 16;

	/** The longest line: two numbers, a few bytes each, and at most three bytes per char of text. */
	private static final int NUMBERS_AND_SEPARATORS = 64;

	private final OutputStream out;

	private final byte[] buffer = new byte[BUFFER_BYTES];

	private int used;

	private long lines;

	private DeviceLines(OutputStream out) {
		this.out = out;
	}

	/** A new file, readable by its owner only (it holds every IMEI); an existing one is replaced. */
	static DeviceLines create(Path file) throws IOException {
		return new DeviceLines(Channels.newOutputStream(java.nio.channels.FileChannel.open(file,
				Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
						LinkOption.NOFOLLOW_LINKS),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))));
	}

	/**
	 * Whether a text can be written as it is: no control character (the tab and line breaks separate the values), no
	 * surrogate (a lone one has no UTF-8; pairs, rare in this data, are left to the appender too), and not the marker
	 * of a missing value.
	 */
	static boolean canCarry(String text) {
		if (text == null) {
			return true;
		}
		for (int i = 0, n = text.length(); i < n; i++) {
			char c = text.charAt(i);
			if (c < ' ' || Character.isSurrogate(c)) {
				return false;
			}
		}
		return !text.equals(NULL);
	}

	/** One device row; every text must pass {@link #canCarry}. */
	void add(long rowNo, int seq, String imei, int definition, String status, String errorCode, String errorMessage)
			throws IOException {
		int longest = NUMBERS_AND_SEPARATORS + 3 * (imei.length() + status.length()
				+ (errorCode == null ? 0 : errorCode.length()) + (errorMessage == null ? 0 : errorMessage.length()));
		if (this.used + longest > this.buffer.length) {
			drain();
			if (longest > this.buffer.length) {
				throw new IllegalArgumentException("a device row of more than " + this.buffer.length + " bytes");
			}
		}
		number(rowNo);
		tab();
		number(seq);
		tab();
		text(imei);
		tab();
		number(definition);
		tab();
		text(status);
		tab();
		text(errorCode);
		tab();
		text(errorMessage);
		this.buffer[this.used++] = '\n';
		this.lines++;
	}

	long lines() {
		return this.lines;
	}

	private void tab() {
		this.buffer[this.used++] = '\t';
	}

	private void number(long value) {
		if (value < 0) {
			this.buffer[this.used++] = '-';
			value = -value;
		}
		int start = this.used;
		do {
			this.buffer[this.used++] = (byte) ('0' + (value % 10));
			value /= 10;
		}
		while (value != 0);
		for (int left = start, right = this.used - 1; left < right; left++, right--) {
			byte swapped = this.buffer[left];
			this.buffer[left] = this.buffer[right];
			this.buffer[right] = swapped;
		}
	}

	/** UTF-8 of text without surrogates ({@link #canCarry}): one to three bytes per char. */
	private void text(String text) {
		if (text == null) {
			this.buffer[this.used++] = '\\';
			this.buffer[this.used++] = 'N';
			return;
		}
		byte[] bytes = this.buffer;
		int at = this.used;
		for (int i = 0, n = text.length(); i < n; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes[at++] = (byte) c;
			}
			else if (c < 0x800) {
				bytes[at++] = (byte) (0xC0 | (c >> 6));
				bytes[at++] = (byte) (0x80 | (c & 0x3F));
			}
			else {
				bytes[at++] = (byte) (0xE0 | (c >> 12));
				bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				bytes[at++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		this.used = at;
	}

	private void drain() throws IOException {
		this.out.write(this.buffer, 0, this.used);
		this.used = 0;
	}

	/** Writes what is buffered and closes the file. */
	@Override
	public void close() throws IOException {
		try {
			drain();
		}
		finally {
			this.out.close();
		}
	}
}
