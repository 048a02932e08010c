package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

/**
 * Rows of one sheet of an XLSX workbook, read with fastexcel-reader: a StAX parse of the sheet's XML straight
 * from the zip, one row at a time, without an object model of the workbook. The shared-strings table (the text
 * of string cells, as Excel saves them) is read along with the sheet and kept in memory.
 * <p>
 * Without a sheet name the first <em>visible</em> sheet is read: workbooks often keep lookup lists or older
 * data on hidden sheets, and an operator who never sees a sheet does not mean it to be read. A sheet named
 * explicitly is read even when hidden.
 * <p>
 * The workbook is read from a private temporary copy, deleted on close, so that no reader ever holds the
 * operator's file (POI, the previous reader, wrote a workbook back on close when loading failed). The copy is
 * checked by {@link XlsxSafety#checkParts} before the reader opens it.
 */
final class XlsxRowSource implements RowSource {

	private static final String COPY_PREFIX = "campaign-batch-input-";

	private static final String COPY_SUFFIX = ".xlsx";

	private static final Duration STALE_COPY_AGE = Duration.ofDays(1);

	private static final String CONTENT_TYPES_PART = "[Content_Types].xml";

	private static final String STYLES_CONTENT_TYPE = "spreadsheetml.styles+xml";

	private final Path file;

	private final ReadOptions options;

	private final ReadableWorkbook workbook;

	private final Path copy;

	private final Stream<Row> stream;

	private final Iterator<Row> rows;

	private Header header;

	/** The first data row when the sheet has no header row (a device list), until {@link #next} hands it out. */
	private InputRow firstRow;

	private volatile long lastRowNumber;

	/** The sheet column of {@code fileVersion}, whose number cells are counted for {@link #readingWarning}. */
	private int versionColumn = -1;

	private volatile long versionNumberCells;

	private volatile String firstVersionNumberCell;

	/** The last row the sheet declares, for progress ({@link XlsxDimension}). */
	private long declaredLastRow = XlsxDimension.UNKNOWN;

	private XlsxRowSource(Path file, ReadOptions options, ReadableWorkbook workbook, Path copy, Stream<Row> stream) {
		this.file = file;
		this.options = options;
		this.workbook = workbook;
		this.copy = copy;
		this.stream = stream;
		this.rows = stream.iterator();
	}

	/**
	 * Opens a workbook, picks the sheet and reads its header row.
	 * @throws InputFileException when the workbook is unreadable or the sheet has no usable header
	 */
	static XlsxRowSource open(Path file, ReadOptions options) {
		Path copy = privateCopy(file);
		ReadableWorkbook workbook;
		try {
			boolean styles = checkZipDirectory(file, copy);
			// number formats come from the styles part; a workbook without one (some writers) reads as General
			workbook = new ReadableWorkbook(copy.toFile(), new ReadingOptions(styles, false));
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(copy);
			throw XlsxSafety.translate(file, ex, "");
		}
		Stream<Row> stream = null;
		try {
			Sheet sheet = sheet(file, workbook, options.sheetName());
			stream = sheet.openStream();
			XlsxRowSource source = new XlsxRowSource(file, options, workbook, copy, stream);
			try (ZipFile zip = new ZipFile(copy.toFile())) {
				source.declaredLastRow = XlsxDimension.lastRow(zip, sheet.getId());
			}
			source.readHeader(sheet.getName());
			return source;
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(stream, workbook);
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
	 * Fails fast on a zip whose central directory is unreadable, typically a truncated download, and runs the
	 * safety checks of every part before the reader parses any of them.
	 * @return whether the workbook declares a styles part (where number formats are)
	 */
	private static boolean checkZipDirectory(Path file, Path copy) {
		try (ZipFile zip = new ZipFile(copy.toFile())) {
			ZipEntry contentTypes = zip.getEntry(CONTENT_TYPES_PART);
			if (contentTypes == null) {
				throw new InputFileException(file, "is a zip archive but not an XLSX workbook (it has no "
						+ CONTENT_TYPES_PART + "): save the sheet from Excel as .xlsx");
			}
			XlsxSafety.checkParts(file, zip, Files.size(copy));
			try (InputStream in = zip.getInputStream(contentTypes)) {
				// a small part: XlsxSafety has just checked its real size
				return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(STYLES_CONTENT_TYPE);
			}
		}
		catch (IOException ex) {
			throw XlsxSafety.corrupted(file, "", ex);
		}
	}

	private static Sheet sheet(Path file, ReadableWorkbook workbook, String wanted) {
		List<Sheet> sheets = workbook.getSheets().toList();
		if (sheets.isEmpty()) {
			throw new InputFileException(file, "has no sheets: re-save it from Excel");
		}
		if (wanted == null) {
			// Excel keeps one sheet visible, but other writers may not: then the first one
			return sheets.stream().filter((s) -> s.getVisibility() == SheetVisibility.VISIBLE).findFirst()
				.orElse(sheets.get(0));
		}
		for (Sheet sheet : sheets) {
			if (wanted.equals(sheet.getName())) {
				return sheet;
			}
		}
		for (Sheet sheet : sheets) {
			if (wanted.equalsIgnoreCase(sheet.getName())) {
				return sheet;
			}
		}
		List<String> names = new ArrayList<>();
		for (Sheet sheet : sheets) {
			names.add(sheet.getName() + (sheet.getVisibility() != SheetVisibility.VISIBLE ? " (hidden)" : ""));
		}
		throw new InputFileException(file, "has no sheet '" + Messages.clean(wanted) + "'; sheets: "
				+ Messages.list(names));
	}

	private void readHeader(String sheetName) {
		while (this.rows.hasNext()) {
			Row row = this.rows.next();
			List<String> cells = new ArrayList<>();
			for (Cell cell : row) {
				cells.add(XlsxCellText.of(cell));
			}
			if (!Header.isBlank(cells.toArray(String[]::new))) {
				this.lastRowNumber = row.getRowNum();
				this.header = Header.of(this.file, this.lastRowNumber, cells, this.options.deviceList());
				this.versionColumn = this.header.indexOf(Column.FILE_VERSION);
				if (this.header.firstRowIsData()) {
					this.firstRow = this.header.row(this.lastRowNumber, (i) -> i < cells.size() ? cells.get(i) : null,
							this.options.maxCellChars());
				}
				return;
			}
		}
		throw new InputFileException(this.file, "is empty (sheet '" + Messages.clean(sheetName)
				+ "' has no rows): the first row must be a header row with columns " + Messages.expectedColumns());
	}

	@Override
	public double fractionRead() {
		long last = this.declaredLastRow;
		return last <= 0 ? -1 : Math.min(1.0, this.lastRowNumber / (double) last);
	}

	@Override
	public InputRow next() {
		if (this.firstRow != null) {
			InputRow first = this.firstRow;
			this.firstRow = null;
			return first;
		}
		try {
			while (this.rows.hasNext()) {
				Row row = this.rows.next();
				String[] cells = new String[this.header.width()];
				boolean blank = true;
				for (Cell cell : row) {
					if (cell == null) {
						continue;
					}
					String text = XlsxCellText.of(cell);
					blank &= Whitespace.isBlank(text);
					if (cell.getColumnIndex() == this.versionColumn && cell.getType() == CellType.NUMBER) {
						noteVersionNumberCell(row.getRowNum(), text);
					}
					if (cell.getColumnIndex() < cells.length) {
						cells[cell.getColumnIndex()] = text;
					}
				}
				this.lastRowNumber = row.getRowNum();
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

	private void noteVersionNumberCell(long rowNumber, String text) {
		if (this.versionNumberCells == 0) {
			this.firstVersionNumberCell = "row " + rowNumber + ", read as '" + Messages.clean(text) + "'";
		}
		this.versionNumberCells++;
	}

	/**
	 * A version typed into a number cell is stored as a number: 1.0 becomes 1 and 2.10 becomes 2.1 unless the cell's
	 * format shows the digits, and the vendor compares versions as text. Each such row is valid on its own, so the
	 * operator is told once for the file.
	 */
	@Override
	public String readingWarning() {
		long cells = this.versionNumberCells;
		if (cells == 0) {
			return null;
		}
		return this.file.getFileName() + ": " + cells + " fileVersion cell(s) hold a number, not text (first: "
				+ this.firstVersionNumberCell + "); a number keeps no trailing zero (1.0 is stored as 1), so check that"
				+ " the versions read are the ones meant, or format the fileVersion column as Text and type them again";
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
		closeQuietly(this.stream, this.workbook);
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

	private static void closeQuietly(Stream<Row> stream, ReadableWorkbook workbook) {
		// the workbook was only read, so nothing can be lost by a failed close
		try {
			if (stream != null) {
				stream.close();
			}
		}
		catch (RuntimeException ex) {
			// the sheet's stream is closed with the zip below anyway
		}
		try {
			workbook.close();
		}
		catch (IOException | RuntimeException ex) {
			// nothing to do: the private copy is deleted next
		}
	}
}
