package io.github.campaignbatch.input;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Rows of a CSV file, parsed as RFC 4180 says: fields may be quoted, a quote inside a quoted field is doubled,
 * a quoted field may span lines and a backslash is an ordinary character. Row numbers count records, as Excel
 * shows them, so a record whose quoted field holds line breaks is one row.
 * <p>
 * The text is UTF-8, or UTF-16 when a byte-order mark says so (see {@link TextEncoding}); the delimiter is
 * found from the header row (see {@link CsvDialect}). The file is read as a stream: one record at a time is in
 * memory, and a record may not exceed {@link ReadOptions#maxCellChars()} twice over.
 */
final class CsvRowSource implements RowSource {

	private static final int READ_BUFFER_CHARS = 8192;

	private final Path file;

	private final ReadOptions options;

	private final Charset charset;

	private final CsvRecordReader records;

	private Header header;

	/** The first data row when the file has no header row (a device list), until {@link #next} hands it out. */
	private InputRow firstRow;

	/** The number of records read so far, blank ones included: the row number of the last one. */
	private long rowsRead;

	private CountingInputStream counted;

	private long size = -1;

	private CsvRowSource(Path file, ReadOptions options, Charset charset, CsvRecordReader records) {
		this.file = file;
		this.options = options;
		this.charset = charset;
		this.records = records;
	}

	/**
	 * Opens a CSV file and reads its header row.
	 * @throws InputFileException when the file is not readable CSV text with a usable header
	 */
	static CsvRowSource open(Path file, ReadOptions options) {
		InputStream in = null;
		try {
			CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
			in = new BufferedInputStream(counted);
			Charset charset = TextEncoding.readByteOrderMark((BufferedInputStream) in);
			BufferedReader text = new BufferedReader(new StrictTextReader(in, charset), READ_BUFFER_CHARS);
			CsvDialect dialect = sniff(file, text, charset, options);
			CsvRowSource source = new CsvRowSource(file, options, charset,
					new CsvRecordReader(text, dialect.separator(), options.maxRowChars()));
			source.counted = counted;
			source.size = Files.size(file);
			source.readHeader();
			return source;
		}
		catch (IOException ex) {
			closeQuietly(in);
			throw InputFormat.ioFailure(file, ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(in);
			throw ex;
		}
	}

	private static CsvDialect sniff(Path file, BufferedReader text, Charset charset, ReadOptions options)
			throws IOException {
		int lookAhead = (int) Math.min(options.maxRowChars(), Integer.MAX_VALUE - 8);
		try {
			return CsvDialect.sniff(text, lookAhead);
		}
		catch (TextProblem ex) {
			throw textProblem(file, charset, ex, ex.row(), options);
		}
	}

	private void readHeader() {
		String[] record;
		do {
			record = readRecord();
			if (record == null) {
				throw InputFormat.empty(this.file);
			}
		}
		while (Header.isBlank(record));
		this.header = Header.of(this.file, this.rowsRead, Arrays.asList(record), this.options.deviceList());
		if (this.header.firstRowIsData()) {
			this.firstRow = row(record);
		}
	}

	/** Bytes read from the file so far against its size (the readers' buffers a little ahead of the rows handed out). */
	@Override
	public double fractionRead() {
		return this.counted == null || this.size <= 0 ? -1 : Math.min(1.0, this.counted.count() / (double) this.size);
	}

	@Override
	public InputRow next() {
		if (this.firstRow != null) {
			InputRow first = this.firstRow;
			this.firstRow = null;
			return first;
		}
		String[] record;
		do {
			record = readRecord();
			if (record == null) {
				return null;
			}
		}
		while (Header.isBlank(record));
		return row(record);
	}

	private InputRow row(String[] cells) {
		return this.header.row(this.rowsRead, (i) -> (i < cells.length) ? cells[i] : null, this.options.maxCellChars());
	}

	private String[] readRecord() {
		try {
			String[] record = this.records.next();
			if (record != null) {
				this.rowsRead++;
			}
			return record;
		}
		catch (TextProblem ex) {
			throw textProblem(this.file, this.charset, ex, this.rowsRead + 1, this.options);
		}
		catch (IOException ex) {
			throw InputFormat.ioFailure(this.file, ex);
		}
	}

	private static InputFileException textProblem(Path file, Charset charset, TextProblem problem, long row,
			ReadOptions options) {
		String message = switch (problem.kind()) {
			case MALFORMED -> (StandardCharsets.UTF_8.equals(charset) ? "is not valid UTF-8" : "is not valid "
					+ charset.name() + " text") + " (row " + row + "): save it as 'CSV UTF-8' from Excel";
			case NUL -> "contains NUL bytes at row " + row + ": it is binary, not CSV text (or UTF-16 without a "
					+ "byte-order mark): save it as 'CSV UTF-8' from Excel";
			case TOO_LONG_IN_OPEN_QUOTE -> "row " + row + " is longer than " + options.maxRowChars()
					+ " characters inside a quoted cell: a quote opened in it is probably never closed (or a cell is"
					+ " too large)";
			case TOO_LONG_QUOTES_CLOSED -> "row " + row + " is longer than " + options.maxRowChars()
					+ " characters and every quote in it is closed: a cell is too large, split it over several rows";
			case TOO_LONG_WITHOUT_QUOTES -> "row " + row + " is longer than " + options.maxRowChars()
					+ " characters and holds no quote: a line this long has a cell that is too large (or the file"
					+ " has no line breaks): split it over several rows";
			case UNCLOSED_QUOTE -> "unclosed quote in the record starting at row " + row
					+ ": close the quote, or double a quote that is part of the text (\"\")";
		};
		return new InputFileException(file, message, problem);
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
		try {
			this.records.close();
		}
		catch (IOException ex) {
			// nothing was written, so nothing can be lost by a failed close
		}
	}

	private static void closeQuietly(InputStream in) {
		if (in == null) {
			return;
		}
		try {
			in.close();
		}
		catch (IOException ex) {
			// already failing with a better reason
		}
	}
}
