package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.regex.Pattern;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * POI's guards against hostile workbooks, our own checks of the zip directory before POI sees the file, and
 * the translation of POI's failures into messages for the operator. The guards are JVM-wide settings of POI;
 * they are set here explicitly rather than trusted to defaults. XML external entities are refused twice: a
 * part that declares a DOCTYPE is refused before POI opens the file (Excel never writes one), and POI's XML
 * parsers do not resolve entities anyway.
 */
final class XlsxSafety {

	/** POI's default: a part may expand at most 100 times. Real sheets compress about 5 to 20 times. */
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

	private static final Pattern BOMB_SIZES = Pattern.compile("Uncompressed size: (\\d+), Raw/compressed size: (\\d+)");

	private XlsxSafety() {
	}

	/** Sets the guards, before each workbook is opened in case other code changed them. */
	static void apply() {
		ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
		ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
	}

	/**
	 * Checks the zip directory and the XML prologs of a workbook before POI opens it: too many parts, a part or
	 * all parts together expanding too far (by the sizes the directory declares; POI checks the real sizes while
	 * inflating), and any XML part that declares a DOCTYPE, which is how entity expansion and external entities
	 * get in.
	 * @param file the operator's file, named in messages
	 * @param zip the workbook as opened for reading (possibly a private copy of {@code file})
	 */
	static void checkParts(Path file, ZipFile zip) throws IOException {
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
			if (size > MAX_ENTRY_BYTES) {
				throw zipBomb(file, "max size of the expanded data", null);
			}
			if (size > RATIO_GRACE_BYTES && compressed >= 0 && (double) compressed / size < MIN_INFLATE_RATIO) {
				throw zipBomb(file, "Uncompressed size: " + size + ", Raw/compressed size: " + compressed, null);
			}
			total += Math.max(size, 0);
			if (total > MAX_TOTAL_BYTES) {
				throw new InputFileException(file, "looks like a zip bomb (its parts expand to more than "
						+ MAX_TOTAL_BYTES / (1024 * 1024) + " MB in all): refused");
			}
			if (!entry.isDirectory()) {
				String name = entry.getName().toLowerCase(Locale.ROOT);
				// a part's name need not say it is XML: any part that starts like XML is scanned too
				boolean xmlName = name.endsWith(".xml") || name.endsWith(".rels") || name.endsWith(".vml");
				try (InputStream in = zip.getInputStream(entry)) {
					checkProlog(file, entry.getName(), in, xmlName);
				}
			}
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
	 * The operator's message for a failure of POI or of the streaming reader.
	 * @param where a few words on how far reading got, or an empty string while opening
	 */
	static InputFileException translate(Path file, Throwable failure, String where) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InputFileException known) {
				return known;
			}
			String message = String.valueOf(cause.getMessage());
			if (message.contains("Zip bomb detected")) {
				return zipBomb(file, message, failure);
			}
			if (message.contains("potentially malicious") || message.contains("embeds more internal file entries")) {
				return tooManyParts(file, failure);
			}
			if (cause instanceof EncryptedDocumentException || cause instanceof OLE2NotOfficeXmlFileException) {
				return InputFormat.notOoxmlEitherWay(file, failure);
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

	private static InputFileException zipBomb(Path file, String message, Throwable failure) {
		if (message.contains("max size of the expanded data")) {
			return new InputFileException(file, "looks like a zip bomb (a part expands to more than "
					+ MAX_ENTRY_BYTES / (1024 * 1024) + " MB): refused", failure);
		}
		Matcher sizes = BOMB_SIZES.matcher(message);
		String times = "more than " + Math.round(1 / MIN_INFLATE_RATIO);
		if (sizes.find() && Long.parseLong(sizes.group(2)) > 0) {
			times = String.valueOf(Long.parseLong(sizes.group(1)) / Long.parseLong(sizes.group(2)));
		}
		return new InputFileException(file, "looks like a zip bomb (expands " + times + " times): refused", failure);
	}
}
