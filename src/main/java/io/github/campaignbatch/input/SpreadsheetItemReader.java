package io.github.campaignbatch.input;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the data rows of a CSV or XLSX file as {@link InputRow}s. It saves how many rows it has handed out;
 * on restart it reads that many rows again and drops them, which is cheap next to the remote calls each row
 * leads to and works the same for both formats.
 * <p>
 * {@link #open(ExecutionContext)} throws the {@link InputFileException} of a bad file as it is, not wrapped
 * in an {@link ItemStreamException}, so that its one-line message reaches the operator; a file with a header
 * but no data rows is such a file. Like most item readers it is not thread-safe.
 */
public class SpreadsheetItemReader extends AbstractItemCountingItemStreamItemReader<InputRow> {

	private static final Logger log = LoggerFactory.getLogger(SpreadsheetItemReader.class);

	/** The default name, which prefixes the reader's keys in the execution context. */
	public static final String DEFAULT_NAME = "inputReader";

	private final Path file;

	private final ReadOptions options;

	private RowSource source;

	private volatile boolean endReached;

	public SpreadsheetItemReader(Path file, ReadOptions options) {
		this.file = Objects.requireNonNull(file, "file");
		this.options = Objects.requireNonNull(options, "options");
		setName(DEFAULT_NAME);
	}

	@Override
	public void open(ExecutionContext executionContext) {
		try {
			super.open(executionContext);
		}
		catch (ItemStreamException ex) {
			if (ex.getCause() instanceof InputFileException fileProblem) {
				throw fileProblem;
			}
			throw ex;
		}
	}

	@Override
	protected void doOpen() {
		// parsing overlaps validation and staging on a second core (see ReadAheadRowSource); a file without data
		// rows is still refused here, before the reading thread starts
		this.endReached = false;
		this.source = new ReadAheadRowSource(RowSources.withDataRows(this.file, this.options));
	}

	@Override
	protected InputRow doRead() {
		InputRow row = this.source.next();
		if (row == null) {
			this.endReached = true;
		}
		return row;
	}

	/** Whether the last row has been handed out: the next read returned none. */
	public boolean endReached() {
		return this.endReached;
	}

	@Override
	protected void doClose() {
		if (this.source != null) {
			String warning = this.source.readingWarning();
			if (warning != null) {
				log.warn("{}", warning);
			}
			this.source.close();
			this.source = null;
		}
	}

	/** How far through the file, 0 to 1, or -1 when unknown (not open, or a file that cannot tell). */
	public double fractionRead() {
		RowSource current = this.source;
		return current == null ? -1 : current.fractionRead();
	}

	/** The input file. */
	public Path file() {
		return this.file;
	}

	/** Header cells that name no known column, in file order. */
	public List<String> unknownColumns() {
		return openSource().unknownColumns();
	}

	/** The canonical columns the header row contains. */
	public Set<Column> columns() {
		return openSource().columns();
	}

	private RowSource openSource() {
		if (this.source == null) {
			throw new IllegalStateException("the reader of " + this.file.getFileName() + " is not open");
		}
		return this.source;
	}
}
