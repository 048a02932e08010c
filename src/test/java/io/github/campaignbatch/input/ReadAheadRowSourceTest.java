package io.github.campaignbatch.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadRowSourceTest {

	@Test
	void handsOutEveryRowInOrderThenNull() {
		try (ReadAheadRowSource rows = new ReadAheadRowSource(new CountingSource(10_000, -1), 16)) {
			List<Long> numbers = new ArrayList<>();
			InputRow row;
			while ((row = rows.next()) != null) {
				numbers.add(row.rowNumber());
			}
			assertThat(numbers).hasSize(10_000).isSorted().startsWith(2L).endsWith(10_001L);
			assertThat(rows.next()).isNull();
			assertThat(rows.columns()).containsExactly(Column.IMEI);
		}
	}

	@Test
	void throwsTheSourcesFailureAfterTheRowsReadBeforeIt() {
		try (ReadAheadRowSource rows = new ReadAheadRowSource(new CountingSource(100, 5), 16)) {
			for (long expected = 2; expected <= 6; expected++) {
				assertThat(rows.next().rowNumber()).isEqualTo(expected);
			}
			assertThatThrownBy(rows::next).isInstanceOf(InputFileException.class).hasMessageContaining("broken at row 7");
		}
	}

	@Test
	void closeStopsReadingAndClosesTheSource() throws Exception {
		CountingSource source = new CountingSource(Long.MAX_VALUE, -1);
		ReadAheadRowSource rows = new ReadAheadRowSource(source, 8);
		assertThat(rows.next().rowNumber()).isEqualTo(2);
		rows.close();

		// The thread that read ahead has ended: nothing reads the source any more, no need to wait and see.
		assertThat(source.reader.isAlive()).isFalse();
		assertThat(source.closed).isTrue();
		assertThat(source.read.get()).isLessThan(100);
	}

	/** Rows 2, 3, ... of one IMEI cell; fails instead of giving the row after {@code failAfter} rows. */
	private static final class CountingSource implements RowSource {

		private final long rows;

		private final long failAfter;

		final AtomicLong read = new AtomicLong();

		volatile boolean closed;

		private final AtomicBoolean failed = new AtomicBoolean();

		CountingSource(long rows, long failAfter) {
			this.rows = rows;
			this.failAfter = failAfter;
		}

		/** The thread that read the last row. */
		volatile Thread reader;

		@Override
		public InputRow next() {
			this.reader = Thread.currentThread();
			long n = this.read.get();
			if (n == this.failAfter && this.failed.compareAndSet(false, true)) {
				throw new InputFileException(java.nio.file.Path.of("x.csv"), "broken at row " + (n + 2));
			}
			if (n >= this.rows) {
				return null;
			}
			this.read.incrementAndGet();
			return new InputRow(n + 2, Map.of(Column.IMEI, "35345678901234" + (n % 10)));
		}

		@Override
		public List<String> unknownColumns() {
			return List.of();
		}

		@Override
		public Set<Column> columns() {
			return Set.of(Column.IMEI);
		}

		@Override
		public void close() {
			this.closed = true;
		}
	}
}
