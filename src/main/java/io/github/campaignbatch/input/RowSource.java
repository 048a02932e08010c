package io.github.campaignbatch.input;

import java.io.Closeable;
import java.util.List;

/**
 * A forward-only stream of data rows from one opened input file. Opening it has already read and checked
 * the header row. Implementations hold at most a bounded window of the file in memory.
 */
public interface RowSource extends Closeable {

	/**
	 * The next non-blank data row, or {@code null} at the end of the file.
	 * @throws InputFileException when the file turns out to be unreadable part-way through
	 */
	InputRow next();

	/** Header cells that name no known column, in file order; they are ignored. */
	List<String> unknownColumns();

	/** The canonical columns the header row contains. */
	java.util.Set<Column> columns();

	/**
	 * How far through the file reading has come, from 0 to 1, for an exact percentage with no counting pass (CSV:
	 * bytes consumed; XLSX: the row number against the last row the sheet declares); -1 when the source cannot
	 * tell. May be called from another thread.
	 */
	default double fractionRead() {
		return -1;
	}

	/**
	 * A warning about how the rows read so far were read, which no single row's validation can give (e.g. versions
	 * typed into number cells), or {@code null}. Meant to be asked once the rows have been read.
	 */
	default String readingWarning() {
		return null;
	}

	@Override
	void close();
}
