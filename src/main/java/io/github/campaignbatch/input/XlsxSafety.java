package io.github.campaignbatch.input;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * POI's guards against hostile workbooks, and the translation of POI's failures into messages for the
 * operator. The guards are JVM-wide settings of POI; they are set here explicitly rather than trusted to
 * defaults. XML external entities need no setting: POI's XML parsers never resolve them.
 */
final class XlsxSafety {

	/** POI's default: a part may expand at most 100 times. Real sheets compress about 5 to 20 times. */
	static final double MIN_INFLATE_RATIO = 0.01;

	/**
	 * The largest part a workbook may expand to. A sheet of Excel's full 1,048,576 rows with twelve short
	 * columns takes about half of it.
	 */
	static final long MAX_ENTRY_BYTES = 1024L * 1024 * 1024;

	private static final Pattern BOMB_SIZES = Pattern.compile("Uncompressed size: (\\d+), Raw/compressed size: (\\d+)");

	private XlsxSafety() {
	}

	/** Sets the guards, before each workbook is opened in case other code changed them. */
	static void apply() {
		ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
		ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
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
				return new InputFileException(file,
						"has far more internal parts than a workbook needs, as crafted files do: refused", failure);
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
