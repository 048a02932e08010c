package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * The two formats an input file can have. The extension says which one the operator meant; the first bytes
 * say what the file really is, so that a mislabelled file fails with advice instead of a parser error.
 */
enum InputFormat {

	CSV, XLSX;

	private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

	private static final byte[] OLE2_MAGIC = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0 };

	private static final int SNIFFED_BYTES = 4096;

	private static final Set<Byte> TEXT_CONTROLS = Set.of((byte) '\t', (byte) '\n', (byte) '\r', (byte) '\f');

	/**
	 * The format of a file that exists, is readable and not empty.
	 * @throws InputFileException when the file cannot be read or is of no supported format
	 */
	static InputFormat of(Path file) {
		checkReadable(file);
		String extension = extension(file);
		if (extension.isEmpty()) {
			throw new InputFileException(file, "has no file extension: use .csv or .xlsx");
		}
		byte[] head = head(file);
		if (head.length == 0) {
			throw empty(file);
		}
		switch (extension) {
			case "csv", "txt" -> {
				if (startsWith(head, ZIP_MAGIC)) {
					throw new InputFileException(file, "is an XLSX/zip file, not CSV text: rename it to .xlsx");
				}
				if (startsWith(head, OLE2_MAGIC)) {
					throw new InputFileException(file, "is a binary Excel file (legacy .xls or password-protected), "
							+ "not CSV text: open it in Excel and save as .xlsx or .csv");
				}
				return CSV;
			}
			case "xlsx" -> {
				if (startsWith(head, ZIP_MAGIC)) {
					return XLSX;
				}
				if (startsWith(head, OLE2_MAGIC)) {
					throw notOoxml(file);
				}
				if (looksLikeText(head)) {
					throw new InputFileException(file,
							"is not an XLSX file (its content is text, probably CSV): rename it to .csv");
				}
				throw new InputFileException(file, "is not an XLSX file (its content is neither a workbook nor text): "
						+ "re-save it from Excel as .xlsx");
			}
			case "xls" -> {
				if (startsWith(head, ZIP_MAGIC)) {
					throw new InputFileException(file, "is an XLSX file with a .xls name: rename it to .xlsx");
				}
				throw new InputFileException(file, "legacy .xls (Excel 97-2003) files are not supported: "
						+ "open it in Excel and save as .xlsx or .csv");
			}
			default -> throw new InputFileException(file,
					"unsupported file type '." + Messages.clean(extension) + "': use .csv or .xlsx");
		}
	}

	/** The message for a file without a single non-blank row. */
	static InputFileException empty(Path file) {
		return new InputFileException(file,
				"is empty: the first row must be a header row with columns " + Messages.expectedColumns());
	}

	/**
	 * The message for an OLE2 (pre-2007 container) file where an XLSX was expected. Excel writes both encrypted
	 * workbooks and .xls files in that container; its directory tells which one this is.
	 */
	static InputFileException notOoxml(Path file) {
		try (POIFSFileSystem container = new POIFSFileSystem(file.toFile(), true)) {
			DirectoryNode root = container.getRoot();
			if (root.hasEntry("EncryptionInfo")) {
				return new InputFileException(file, "is password-protected (encrypted): "
						+ "remove the password in Excel (File > Info > Protect Workbook) and save it again");
			}
			if (root.hasEntry("Workbook") || root.hasEntry("Book")) {
				return new InputFileException(file, "is a legacy .xls (Excel 97-2003) workbook named .xlsx: "
						+ "open it in Excel and save as .xlsx");
			}
		}
		catch (IOException | RuntimeException unreadable) {
			// fall through to the message that covers both cases
		}
		return notOoxmlEitherWay(file, null);
	}

	static InputFileException notOoxmlEitherWay(Path file, Throwable cause) {
		return new InputFileException(file, "is password-protected (encrypted) or a legacy .xls saved as .xlsx: "
				+ "remove the password / save as .xlsx", cause);
	}

	private static void checkReadable(Path file) {
		if (Files.isDirectory(file)) {
			throw new InputFileException(file, "is a directory, not a file: give the path of a .csv or .xlsx file");
		}
		if (!Files.exists(file)) {
			throw notFound(file, null);
		}
		if (!Files.isRegularFile(file)) {
			throw new InputFileException(file, "is not a regular file: give the path of a .csv or .xlsx file");
		}
		if (!Files.isReadable(file)) {
			throw notReadable(file, null);
		}
	}

	static InputFileException notFound(Path file, Throwable cause) {
		return new InputFileException(file,
				"file not found (looked for " + file.toAbsolutePath() + "): check the path and the file name", cause);
	}

	static InputFileException notReadable(Path file, Throwable cause) {
		return new InputFileException(file, "cannot be read (permission denied): check the file's permissions", cause);
	}

	/** The message for any other failure to read the file's bytes. */
	static InputFileException ioFailure(Path file, IOException failure) {
		if (failure instanceof NoSuchFileException) {
			return notFound(file, failure);
		}
		if (failure instanceof AccessDeniedException) {
			return notReadable(file, failure);
		}
		return new InputFileException(file, "could not be read (" + Messages.clean(String.valueOf(failure))
				+ "): check that the file is complete and accessible", failure);
	}

	private static String extension(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	private static byte[] head(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(SNIFFED_BYTES);
		}
		catch (IOException ex) {
			throw ioFailure(file, ex);
		}
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

	/**
	 * Whether the first bytes read as text: a Unicode byte-order mark, or no NUL byte and no control byte other
	 * than tab, line feed, carriage return and form feed.
	 */
	private static boolean looksLikeText(byte[] head) {
		if (startsWith(head, new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF })
				|| startsWith(head, new byte[] { (byte) 0xFF, (byte) 0xFE })
				|| startsWith(head, new byte[] { (byte) 0xFE, (byte) 0xFF })) {
			return true;
		}
		for (byte b : head) {
			if (b >= 0 && b < 0x20 && !TEXT_CONTROLS.contains(b)) {
				return false;
			}
		}
		return true;
	}
}
