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
	 * How many bytes of the file have been consumed so far, for progress by bytes (exact for a whole file, with no
	 * counting pass); -1 when the source cannot tell. May be called from another thread.
	 */
	default long bytesConsumed() {
		return -1;
	}

	@Override
	void close();
}
