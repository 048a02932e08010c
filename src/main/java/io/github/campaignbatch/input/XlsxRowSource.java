package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;

import com.github.pjfanning.xlsx.StreamingReader;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Rows of one sheet of an XLSX workbook, read with the streaming reader so that only a small window of rows
 * is in memory. The shared-strings part, which holds the text of string cells, is kept in memory whole.
 * <p>
 * Without a sheet name the first <em>visible</em> sheet is read: workbooks often keep lookup lists or older
 * data on hidden sheets, and an operator who never sees a sheet does not mean it to be read. A sheet named
 * explicitly is read even when hidden.
 * <p>
 * The workbook is read from a private temporary copy, deleted on close: POI opens a workbook file for
 * reading and writing, and the operator's file must never be touched, whatever happens while it is read.
 * The copy is checked by {@link XlsxSafety#checkParts} before POI opens it.
 */
final class XlsxRowSource implements RowSource {

	private static final String COPY_PREFIX = "campaign-batch-input-";

	private static final String COPY_SUFFIX = ".xlsx";

	private static final Duration STALE_COPY_AGE = Duration.ofDays(1);

	private static final int ROW_CACHE_SIZE = 100;

	private static final int BUFFER_BYTES = 8192;

	private static final String CONTENT_TYPES_PART = "[Content_Types].xml";

	private final Path file;

	private final ReadOptions options;

	private final Workbook workbook;

	private final Path copy;

	private final Iterator<Row> rows;

	private Header header;

	private long lastRowNumber;

	private XlsxRowSource(Path file, ReadOptions options, Workbook workbook, Path copy, Iterator<Row> rows) {
		this.file = file;
		this.options = options;
		this.workbook = workbook;
		this.copy = copy;
		this.rows = rows;
	}

	/**
	 * Opens a workbook, picks the sheet and reads its header row.
	 * @throws InputFileException when the workbook is unreadable or the sheet has no usable header
	 */
	static XlsxRowSource open(Path file, ReadOptions options) {
		XlsxSafety.apply();
		Path copy = privateCopy(file);
		Workbook workbook;
		try {
			checkZipDirectory(file, copy);
			workbook = StreamingReader.builder()
				.rowCacheSize(ROW_CACHE_SIZE)
				.bufferSize(BUFFER_BYTES)
				.open(copy.toFile());
		}
		catch (RuntimeException ex) {
			deleteQuietly(copy);
			throw XlsxSafety.translate(file, ex, "");
		}
		try {
			int sheet = sheetIndex(file, workbook, options.sheetName());
			String sheetName = workbook.getSheetName(sheet);
			XlsxRowSource source = new XlsxRowSource(file, options, workbook, copy,
					workbook.getSheetAt(sheet).rowIterator());
			source.readHeader(sheetName);
			return source;
		}
		catch (RuntimeException ex) {
			closeQuietly(workbook);
			deleteQuietly(copy);
			throw XlsxSafety.translate(file, ex, "");
		}
	}

	/** A copy of the workbook only this process reads (a new temporary file is readable by its owner only). */
	private static Path privateCopy(Path file) {
		Path copy = null;
		try {
			copy = Files.createTempFile(COPY_PREFIX, COPY_SUFFIX);
			removeStaleCopies(copy.getParent(), Files.getOwner(copy), Instant.now());
			// written into the file just created, so that it keeps its owner-only permissions
			try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(copy)) {
				in.transferTo(out);
			}
			return copy;
		}
		catch (IOException ex) {
			deleteQuietly(copy);
			throw InputFormat.ioFailure(file, ex);
		}
	}

	/**
	 * Deletes the copies that a process killed while reading (SIGKILL, power loss) could not delete: those of this
	 * prefix, older than a day, that belong to this user. A run still reading one is not disturbed on Linux: an
	 * open file stays readable after it is deleted.
	 */
	static int removeStaleCopies(Path directory, UserPrincipal self, Instant now) {
		int removed = 0;
		try (DirectoryStream<Path> copies = Files.newDirectoryStream(directory, COPY_PREFIX + "*" + COPY_SUFFIX)) {
			for (Path copy : copies) {
				try {
					if (Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)
							&& Files.getOwner(copy, LinkOption.NOFOLLOW_LINKS).equals(self)
							&& Files.getLastModifiedTime(copy, LinkOption.NOFOLLOW_LINKS).toInstant()
								.isBefore(now.minus(STALE_COPY_AGE))) {
						Files.deleteIfExists(copy);
						removed++;
					}
				}
				catch (IOException ex) {
					// someone else's, or gone already: not ours to worry about
				}
			}
		}
		catch (IOException ex) {
			// the sweep is housekeeping; reading the input does not depend on it
		}
		return removed;
	}

	/**
	 * Fails fast on a zip whose central directory is unreadable, typically a truncated download. POI would fall
	 * back to reading such a zip from start to end, holding each part in memory or leaving temporary files behind
	 * when it then fails.
	 */
	private static void checkZipDirectory(Path file, Path copy) {
		try (ZipFile zip = new ZipFile(copy.toFile())) {
			if (zip.getEntry(CONTENT_TYPES_PART) == null) {
				throw new InputFileException(file, "is a zip archive but not an XLSX workbook (it has no "
						+ CONTENT_TYPES_PART + "): save the sheet from Excel as .xlsx");
			}
			XlsxSafety.checkParts(file, zip);
		}
		catch (IOException ex) {
			throw XlsxSafety.corrupted(file, "", ex);
		}
	}

	private static int sheetIndex(Path file, Workbook workbook, String wanted) {
		int count = workbook.getNumberOfSheets();
		if (count == 0) {
			throw new InputFileException(file, "has no sheets: re-save it from Excel");
		}
		if (wanted == null) {
			for (int i = 0; i < count; i++) {
				if (!workbook.isSheetHidden(i) && !workbook.isSheetVeryHidden(i)) {
					return i;
				}
			}
			// Excel keeps one sheet visible, but other writers may not
			return 0;
		}
		for (int i = 0; i < count; i++) {
			if (workbook.getSheetName(i).equals(wanted)) {
				return i;
			}
		}
		for (int i = 0; i < count; i++) {
			if (workbook.getSheetName(i).equalsIgnoreCase(wanted)) {
				return i;
			}
		}
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			boolean hidden = workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i);
			names.add(workbook.getSheetName(i) + (hidden ? " (hidden)" : ""));
		}
		throw new InputFileException(file, "has no sheet '" + Messages.clean(wanted) + "'; sheets: "
				+ Messages.list(names));
	}

	private void readHeader(String sheetName) {
		while (this.rows.hasNext()) {
			Row row = this.rows.next();
			List<String> cells = new ArrayList<>();
			for (Cell cell : row) {
				while (cells.size() < cell.getColumnIndex()) {
					cells.add(null);
				}
				cells.add(XlsxCellText.of(cell));
			}
			if (!Header.isBlank(cells.toArray(String[]::new))) {
				this.lastRowNumber = row.getRowNum() + 1;
				this.header = Header.of(this.file, this.lastRowNumber, cells);
				return;
			}
		}
		throw new InputFileException(this.file, "is empty (sheet '" + Messages.clean(sheetName)
				+ "' has no rows): the first row must be a header row with columns " + Messages.expectedColumns());
	}

	@Override
	public InputRow next() {
		try {
			while (this.rows.hasNext()) {
				Row row = this.rows.next();
				String[] cells = new String[this.header.width()];
				boolean blank = true;
				for (Cell cell : row) {
					String text = XlsxCellText.of(cell);
					blank &= text.isBlank();
					if (cell.getColumnIndex() < cells.length) {
						cells[cell.getColumnIndex()] = text;
					}
				}
				this.lastRowNumber = row.getRowNum() + 1;
				if (!blank) {
					return this.header.row(this.lastRowNumber, (i) -> cells[i], this.options.maxCellChars());
				}
			}
			return null;
		}
		catch (RuntimeException ex) {
			throw XlsxSafety.translate(this.file, ex, "; reading stopped after row " + this.lastRowNumber);
		}
	}

	@Override
	public List<String> unknownColumns() {
		return this.header.unknownColumns();
	}

	@Override
	public Set<Column> columns() {
		return this.header.columns();
	}

	@Override
	public void close() {
		closeQuietly(this.workbook);
		deleteQuietly(this.copy);
	}

	private static void deleteQuietly(Path copy) {
		if (copy == null) {
			return;
		}
		try {
			Files.deleteIfExists(copy);
		}
		catch (IOException ex) {
			copy.toFile().deleteOnExit();
		}
	}

	private static void closeQuietly(Workbook workbook) {
		try {
			workbook.close();
		}
		catch (IOException | RuntimeException ex) {
			// the workbook was only read, so nothing can be lost by a failed close
		}
	}
}
