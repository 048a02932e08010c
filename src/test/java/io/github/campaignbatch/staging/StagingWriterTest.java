package io.github.campaignbatch.staging;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.support.TestDatabase;
import io.github.campaignbatch.validation.DeviceEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load step's writer in a real chunk step: the devices reach the staging table once, after the chunk that ends the
 * input, whether that chunk is full, partial or (a row count that is a multiple of the chunk size) empty.
 */
class StagingWriterTest {

	private static final int ROWS = 6;

	@TempDir
	Path work;

	private final JdbcTemplate jdbc = TestDatabase.freshTemplate();

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 4, 6, 100 })
	void everyRowIsStagedWhateverTheChunkSize(int chunkSize) throws Exception {
		StagingStore store = TestStaging.store(this.jdbc, this.work);

		StepExecution load = runLoad(store, chunkSize, new Rows(ROWS, -1));

		assertThat(load.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(load.getReadCount()).isEqualTo(ROWS);
		assertThat(stagedRows(store)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
		assertThat(this.work).isDirectoryNotContaining("glob:**.load");
	}

	@Test
	void aLoadThatFailsStagesNoDeviceAndLeavesNoLines() throws Exception {
		StagingStore store = TestStaging.store(this.jdbc, this.work);

		StepExecution load = runLoad(store, 2, new Rows(ROWS, 5));

		assertThat(load.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(stagedRows(store)).isEmpty();
		assertThat(this.work).isDirectoryNotContaining("glob:**.load");
	}

	private StepExecution runLoad(StagingStore store, int chunkSize, Rows rows) throws JobInterruptedException {
		JobRepository repository = new ResourcelessJobRepository();
		StagingWriter writer = new StagingWriter(store, StagedFiles.JOB, rows::endReached);
		var step = new StepBuilder("load", repository).<List<DeviceEntry>, List<DeviceEntry>>chunk(chunkSize)
			.transactionManager(new ResourcelessTransactionManager())
			.reader(rows)
			.writer(writer)
			.build();
		JobInstance instance = repository.createJobInstance("job", new JobParameters());
		JobExecution execution = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
		StepExecution stepExecution = repository.createStepExecution("load", execution);
		step.execute(stepExecution);
		return stepExecution;
	}

	private static List<Long> stagedRows(StagingStore store) throws SQLException {
		List<Long> rows = new ArrayList<>();
		try (StagedInstance staged = store.require(StagedFiles.JOB)) {
			staged.query("SELECT row_no FROM device ORDER BY row_no", result -> rows.add(result.getLong(1)));
		}
		return rows;
	}

	/** Input rows 2, 3, ... with one device each, as the load step's reader tells when it has handed out the last. */
	private static final class Rows implements ItemReader<List<DeviceEntry>> {

		private final int count;

		private final int failingRow;

		private int read;

		private boolean endReached;

		Rows(int count, int failingRow) {
			this.count = count;
			this.failingRow = failingRow;
		}

		@Override
		public List<DeviceEntry> read() {
			if (this.read == this.count) {
				this.endReached = true;
				return null;
			}
			this.read++;
			if (this.read == this.failingRow) {
				throw new IllegalStateException("unreadable row");
			}
			return StagedFiles.row(this.read + 1, Map.of(Column.IMEI, "353456789012348"));
		}

		boolean endReached() {
			return this.endReached;
		}
	}
}
