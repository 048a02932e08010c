package io.github.campaignbatch.input;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a {@link RowSource} ahead on a thread of its own, so that parsing the file (XML inflation and parsing for
 * an XLSX sheet) overlaps validating and staging the rows already read. About {@code capacity} rows at most wait in
 * between, so memory stays bounded whatever the size of the file. A failure of the reading thread is thrown by
 * {@link #next()} where the underlying source would have thrown it, after the rows read before it.
 * <p>
 * Rows are handed over in batches: one hand-over per row cost both threads as much as validating the row (a lock,
 * and a wake-up of the other thread more often than not).
 * <p>
 * One consumer thread only, like the sources it wraps.
 */
public final class ReadAheadRowSource extends ForwardingRowSource {

	/** The default number of rows read ahead. */
	public static final int DEFAULT_CAPACITY = 1024;

	private static final long JOIN_MILLIS = 10_000;

	/** Batches at most, each of {@link #batchSize} rows but the last. */
	private final BlockingQueue<Object> queue;

	private final int batchSize;

	/** The batch being handed out, and the position of its next row. */
	private Batch batch;

	private int next;

	private final Thread reader;

	private volatile boolean closed;

	private boolean finished;

	/** The end of the rows: {@link RowSource#next()} returned {@code null}. */
	private static final Object END = new Object();

	private record Failure(RuntimeException exception) {
	}

	private record Batch(InputRow[] rows, int size) {
	}

	/** Rows per batch for a capacity: an eighth of it, so that the reading thread seldom waits for a whole batch. */
	private static final int BATCHES = 8;

	public ReadAheadRowSource(RowSource source, int capacity) {
		super(source);
		this.batchSize = Math.max(1, capacity / BATCHES);
		this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity / this.batchSize));
		this.reader = new Thread(this::readAll, "row-read-ahead");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	public ReadAheadRowSource(RowSource source) {
		this(source, DEFAULT_CAPACITY);
	}

	private void readAll() {
		InputRow[] rows = new InputRow[this.batchSize];
		int size = 0;
		try {
			for (InputRow row = this.source.next(); row != null; row = this.source.next()) {
				rows[size++] = row;
				if (size == rows.length) {
					if (!offer(new Batch(rows, size))) {
						return;
					}
					rows = new InputRow[this.batchSize];
					size = 0;
				}
			}
			if (size > 0 && !offer(new Batch(rows, size))) {
				return;
			}
			offer(END);
		}
		catch (RuntimeException ex) {
			if (!this.closed && (size == 0 || offer(new Batch(rows, size)))) {
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
		if (this.batch != null && this.next < this.batch.size()) {
			return this.batch.rows()[this.next++];
		}
		this.batch = null;
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
		this.batch = (Batch) item;
		this.next = 1;
		return this.batch.rows()[0];
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
