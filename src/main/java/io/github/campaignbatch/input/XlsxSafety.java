package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The checks of a workbook before the reader sees it, and the translation of the reader's failures into messages
 * for the operator. Every part is inflated once here, counting the bytes it really expands to (a zip directory
 * can lie about sizes), and its XML prolog is scanned for a DOCTYPE. XML external entities are refused twice: a
 * part that declares a DOCTYPE is refused before the reader opens the file (Excel never writes one), and
 * fastexcel-reader's StAX parser is set not to support DTDs nor external entities anyway.
 */
final class XlsxSafety {

	/** A part may expand at most 100 times (POI's default). Real sheets compress about 5 to 20 times. */
	static final double MIN_INFLATE_RATIO = 0.01;

	/**
	 * The largest part a workbook may expand to. A sheet of Excel's full 1,048,576 rows with twelve short
	 * columns takes about half of it.
	 */
	static final long MAX_ENTRY_BYTES = 1024L * 1024 * 1024;

	/** The most bytes all parts together may expand to. */
	static final long MAX_TOTAL_BYTES = 2L * MAX_ENTRY_BYTES;

	/**
	 * The most parts (zip entries) a workbook may have. Excel writes a dozen or so plus a few per sheet; POI's
	 * own limit is 1,000.
	 */
	static final int MAX_PARTS = 1000;

	/** Below this size a part's compression ratio is not checked, as in POI: tiny parts compress oddly. */
	static final long RATIO_GRACE_BYTES = 100 * 1024;

	/** How far into an XML part its prolog (where a DOCTYPE would be) may reach before the root element. */
	static final int MAX_PROLOG_BYTES = 64 * 1024;

	private static final int INFLATE_BUFFER_BYTES = 64 * 1024;

	private XlsxSafety() {
	}

	/**
	 * Checks the zip directory and every part of a workbook before the reader opens it: too many parts, a part or
	 * all parts together expanding too far (first by the sizes the directory declares, then by the bytes each part
	 * really inflates to, stopping as soon as a limit is passed), and any XML part that declares a DOCTYPE, which
	 * is how entity expansion and external entities get in.
	 * @param file the operator's file, named in messages
	 * @param zip the workbook as opened for reading (possibly a private copy of {@code file})
	 * @param archiveBytes the size of the zip file: no part can have more compressed bytes than that
	 */
	static void checkParts(Path file, ZipFile zip, long archiveBytes) throws IOException {
		if (zip.size() > MAX_PARTS) {
			throw tooManyParts(file, null);
		}
		long total = 0;
		int parts = 0;
		for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
			ZipEntry entry = entries.nextElement();
			if (++parts > MAX_PARTS) {
				throw tooManyParts(file, null);
			}
			long size = entry.getSize();
			long compressed = entry.getCompressedSize();
			checkExpansion(file, size, compressed);
			if (total + Math.max(size, 0) > MAX_TOTAL_BYTES) {
				throw tooLargeInAll(file);
			}
			if (!entry.isDirectory()) {
				String name = entry.getName().toLowerCase(Locale.ROOT);
				// a part's name need not say it is XML: any part that starts like XML is scanned too
				boolean xmlName = name.endsWith(".xml") || name.endsWith(".rels") || name.endsWith(".vml");
				long bound = (compressed < 0) ? archiveBytes : Math.min(compressed, archiveBytes);
				try (CountingInput in = new CountingInput(file, zip.getInputStream(entry), bound, total)) {
					checkProlog(file, entry.getName(), in, xmlName);
					in.drain();
					total = in.total();
				}
			}
		}
	}

	/** Refuses a part too large, or expanding too many times, by its sizes (declared or counted so far). */
	private static void checkExpansion(Path file, long size, long compressed) {
		if (size > MAX_ENTRY_BYTES) {
			throw new InputFileException(file, "looks like a zip bomb (a part expands to more than "
					+ MAX_ENTRY_BYTES / (1024 * 1024) + " MB): refused");
		}
		if (size > RATIO_GRACE_BYTES && compressed >= 0 && (double) compressed / size < MIN_INFLATE_RATIO) {
			String times = (compressed > 0) ? String.valueOf(size / compressed) : "more than " + Math.round(1 / MIN_INFLATE_RATIO);
			throw new InputFileException(file, "looks like a zip bomb (expands " + times + " times): refused");
		}
	}

	private static InputFileException tooLargeInAll(Path file) {
		return new InputFileException(file, "looks like a zip bomb (its parts expand to more than "
				+ MAX_TOTAL_BYTES / (1024 * 1024) + " MB in all): refused");
	}

	/**
	 * A part's inflated bytes, counted as they are read: refused as soon as they pass the limits for their
	 * compressed size, however small the zip directory says the part is.
	 */
	private static final class CountingInput extends InputStream {

		private final Path file;

		private final InputStream in;

		private final long compressed;

		private final long totalBefore;

		private long count;

		CountingInput(Path file, InputStream in, long compressed, long totalBefore) {
			this.file = file;
			this.in = in;
			this.compressed = compressed;
			this.totalBefore = totalBefore;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				counted(n);
			}
			return n;
		}

		/** Reads the rest of the part, counting it. */
		void drain() throws IOException {
			byte[] buffer = new byte[INFLATE_BUFFER_BYTES];
			while (read(buffer, 0, buffer.length) >= 0) {
				// counted by read
			}
		}

		long total() {
			return this.totalBefore + this.count;
		}

		private void counted(int n) {
			this.count += n;
			checkExpansion(this.file, this.count, this.compressed);
			if (total() > MAX_TOTAL_BYTES) {
				throw tooLargeInAll(this.file);
			}
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}
	}

	/**
	 * Scans an XML part up to its root element (a part not named as XML only when its first character is
	 * {@code <}), skipping the XML declaration, processing instructions and
	 * comments, and refuses a DOCTYPE declaration. NUL bytes are skipped, so that a part in UTF-16 is scanned
	 * as well as one in UTF-8.
	 */
	private static void checkProlog(Path file, String part, InputStream in, boolean xmlName) throws IOException {
		PrologScanner scanner = new PrologScanner(file, part, in);
		boolean started = xmlName;
		for (int c = scanner.next(); c >= 0; c = scanner.next()) {
			if (!started) {
				if (c == 0xEF || c == 0xBB || c == 0xBF || c == 0xFE || c == 0xFF || Character.isWhitespace(c)) {
					continue; // a byte-order mark or white space before the first '<'
				}
				if (c != '<') {
					return; // not XML: an image or other binary part
				}
				started = true;
			}
			if (c != '<') {
				continue;
			}
			int kind = scanner.next();
			if (kind == '?') {
				scanner.skipPast("?>");
			}
			else if (kind == '!') {
				String start = scanner.next(2);
				if (start.equals("--")) {
					scanner.skipPast("-->");
				}
				else if ((start + scanner.next(5)).toUpperCase(Locale.ROOT).equals("DOCTYPE")) {
					throw new InputFileException(file, "has an XML part (" + Messages.clean(part) + ") with a DOCTYPE "
							+ "declaration, which Excel never writes and XML entity attacks need: refused; re-save it "
							+ "from Excel");
				}
				else {
					return;
				}
			}
			else {
				return; // the root element: nothing after it can declare a DOCTYPE
			}
		}
	}

	/** The characters of an XML part's start, one byte each, NUL bytes skipped, at most {@link #MAX_PROLOG_BYTES}. */
	private static final class PrologScanner {

		private final Path file;

		private final String part;

		private final InputStream in;

		private int read;

		PrologScanner(Path file, String part, InputStream in) {
			this.file = file;
			this.part = part;
			this.in = in;
		}

		int next() throws IOException {
			for (int b = this.in.read(); b >= 0; b = this.in.read()) {
				if (++this.read > MAX_PROLOG_BYTES) {
					throw new InputFileException(this.file, "has an XML part (" + Messages.clean(this.part)
							+ ") whose root element does not start within " + MAX_PROLOG_BYTES / 1024
							+ " KB, as crafted files do: refused");
				}
				if (b != 0) {
					return b;
				}
			}
			return -1;
		}

		String next(int count) throws IOException {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < count; i++) {
				int c = next();
				if (c < 0) {
					break;
				}
				text.append((char) c);
			}
			return text.toString();
		}

		void skipPast(String end) throws IOException {
			StringBuilder tail = new StringBuilder();
			for (int c = next(); c >= 0; c = next()) {
				tail.append((char) c);
				if (tail.length() > end.length()) {
					tail.deleteCharAt(0);
				}
				if (tail.toString().equals(end)) {
					return;
				}
			}
		}
	}

	private static InputFileException tooManyParts(Path file, Throwable failure) {
		return new InputFileException(file,
				"has far more internal parts than a workbook needs, as crafted files do: refused", failure);
	}

	/**
	 * The operator's message for a failure of the reader.
	 * @param where a few words on how far reading got, or an empty string while opening
	 */
	static InputFileException translate(Path file, Throwable failure, String where) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InputFileException known) {
				return known;
			}
		}
		return corrupted(file, where, failure);
	}

	/**
	 * The message for a workbook that cannot be read.
	 * @param where a few words on how far reading got, or an empty string while opening
	 */
	static InputFileException corrupted(Path file, String where, Throwable cause) {
		return new InputFileException(file, "is corrupted or incomplete (not a readable XLSX" + where
				+ "): re-save it from Excel", cause);
	}
}
