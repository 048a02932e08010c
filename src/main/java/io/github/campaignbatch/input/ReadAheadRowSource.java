package io.github.campaignbatch.input;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a {@link RowSource} ahead on a thread of its own, so that parsing the file (XML inflation and parsing for
 * an XLSX sheet) overlaps validating and staging the rows already read. At most {@code capacity} rows wait in
 * between, so memory stays bounded whatever the size of the file. A failure of the reading thread is thrown by
 * {@link #next()} where the underlying source would have thrown it, after the rows read before it.
 * <p>
 * One consumer thread only, like the sources it wraps.
 */
public final class ReadAheadRowSource extends ForwardingRowSource {

	/** The default number of rows read ahead. */
	public static final int DEFAULT_CAPACITY = 1024;

	private static final long JOIN_MILLIS = 10_000;

	private final BlockingQueue<Object> queue;

	private final Thread reader;

	private volatile boolean closed;

	private boolean finished;

	/** The end of the rows: {@link RowSource#next()} returned {@code null}. */
	private static final Object END = new Object();

	private record Failure(RuntimeException exception) {
	}

	public ReadAheadRowSource(RowSource source, int capacity) {
		super(source);
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.reader = new Thread(this::readAll, "row-read-ahead");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	public ReadAheadRowSource(RowSource source) {
		this(source, DEFAULT_CAPACITY);
	}

	private void readAll() {
		try {
			InputRow row;
			do {
				row = this.source.next();
				if (!offer(row == null ? END : row)) {
					return;
				}
			}
			while (row != null);
		}
		catch (RuntimeException ex) {
			if (!this.closed) {
				offer(new Failure(ex));
			}
		}
	}

	/** Waits for room; false when the consumer closed the source meanwhile. */
	private boolean offer(Object item) {
		try {
			while (!this.closed) {
				if (this.queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
					return true;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return false;
	}

	@Override
	public InputRow next() {
		if (this.finished) {
			return null;
		}
		Object item;
		try {
			item = this.queue.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the next input row", ex);
		}
		if (item == END) {
			this.finished = true;
			return null;
		}
		if (item instanceof Failure failure) {
			this.finished = true;
			throw failure.exception();
		}
		return (InputRow) item;
	}

	/** Stops the reading thread, then closes the underlying source. */
	@Override
	public void close() {
		this.closed = true;
		this.queue.clear();
		try {
			this.reader.join(JOIN_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			super.close();
		}
	}
}
