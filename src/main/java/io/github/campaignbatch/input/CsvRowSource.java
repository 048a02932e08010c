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

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvValidationException;

/**
 * Rows of a CSV file, parsed by opencsv's RFC 4180 parser: fields may be quoted, a quote inside a quoted field
 * is doubled, a quoted field may span lines and a backslash is an ordinary character. Row numbers count
 * records, as Excel shows them, so a record whose quoted field holds line breaks is one row.
 * <p>
 * The text is UTF-8, or UTF-16 when a byte-order mark says so (see {@link TextEncoding}); the delimiter is
 * found from the header row (see {@link CsvDialect}). The file is read as a stream: one record at a time is in
 * memory, and a record may not exceed {@link ReadOptions#maxCellChars()} twice over.
 */
final class CsvRowSource implements RowSource {

	private static final int READ_BUFFER_CHARS = 8192;

	private final Path file;

	private final ReadOptions options;

	private final StrictTextReader text;

	private final Charset charset;

	private final CSVReader csv;

	private Header header;

	/** The number of records read so far, blank ones included: the row number of the last one. */
	private long rowsRead;

	private CsvRowSource(Path file, ReadOptions options, StrictTextReader text, Charset charset, CSVReader csv) {
		this.file = file;
		this.options = options;
		this.text = text;
		this.charset = charset;
		this.csv = csv;
	}

	/**
	 * Opens a CSV file and reads its header row.
	 * @throws InputFileException when the file is not readable CSV text with a usable header
	 */
	static CsvRowSource open(Path file, ReadOptions options) {
		InputStream in = null;
		try {
			in = new BufferedInputStream(Files.newInputStream(file));
			Charset charset = TextEncoding.readByteOrderMark((BufferedInputStream) in);
			// the text reader counts what the line buffer reads ahead too, so it allows for one buffer more
			StrictTextReader text = new StrictTextReader(in, charset, options.maxRowChars() + READ_BUFFER_CHARS);
			BufferedReader lines = new BufferedReader(text, READ_BUFFER_CHARS);
			CsvDialect dialect = sniff(file, lines, charset, options);
			text.startRecord();
			CSVReader csv = new CSVReaderBuilder(lines)
				.withCSVParser(new RFC4180ParserBuilder().withSeparator(dialect.separator()).build())
				// opencsv's check that the reader is ready swallows most I/O errors as end of file
				.withVerifyReader(false)
				.build();
			CsvRowSource source = new CsvRowSource(file, options, text, charset, csv);
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

	private static CsvDialect sniff(Path file, BufferedReader lines, Charset charset, ReadOptions options)
			throws IOException {
		int lookAhead = (int) Math.min(options.maxRowChars() + READ_BUFFER_CHARS, Integer.MAX_VALUE - 8);
		try {
			return CsvDialect.sniff(lines, lookAhead);
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
		this.header = Header.of(this.file, this.rowsRead, Arrays.asList(record));
	}

	@Override
	public InputRow next() {
		String[] record;
		do {
			record = readRecord();
			if (record == null) {
				return null;
			}
		}
		while (Header.isBlank(record));
		String[] cells = record;
		return this.header.row(this.rowsRead, (i) -> (i < cells.length) ? cells[i] : null, this.options.maxCellChars());
	}

	private String[] readRecord() {
		this.text.startRecord();
		try {
			String[] record = this.csv.readNext();
			if (record != null) {
				this.rowsRead++;
			}
			return record;
		}
		catch (TextProblem ex) {
			throw textProblem(this.file, this.charset, ex, this.rowsRead + 1, this.options);
		}
		catch (CsvMalformedLineException ex) {
			throw new InputFileException(this.file, "unclosed quote in the record starting at row "
					+ (this.rowsRead + 1) + ": close the quote, or double a quote that is part of the text (\"\")", ex);
		}
		catch (IOException ex) {
			throw InputFormat.ioFailure(this.file, ex);
		}
		catch (CsvValidationException ex) {
			// no validators are registered, so opencsv has no reason to throw this
			throw new IllegalStateException(ex);
		}
	}

	private static InputFileException textProblem(Path file, Charset charset, TextProblem problem, long row,
			ReadOptions options) {
		return switch (problem.kind()) {
			case MALFORMED -> new InputFileException(file, (StandardCharsets.UTF_8.equals(charset)
					? "is not valid UTF-8 (row " + row + "): save it as 'CSV UTF-8' from Excel"
					: "is not valid " + charset.name() + " text (row " + row + "): save it as 'CSV UTF-8' from Excel"),
					problem);
			case NUL -> new InputFileException(file, "contains NUL bytes at row " + row
					+ ": it is binary, not CSV text (or UTF-16 without a byte-order mark): save it as 'CSV UTF-8' from Excel",
					problem);
			case TOO_LONG -> new InputFileException(file, "row " + row + " is longer than " + options.maxRowChars()
					+ " characters: a quote in it is probably never closed (or a cell is too large)", problem);
		};
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
			this.csv.close();
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
