package io.github.campaignbatch.staging;

import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.github.campaignbatch.validation.DeviceEntry;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The load step's writer: stages each chunk's device entries for the job instance's staging file. Opening it
 * starts the staging over (see {@link StagingStore}), so the load step's reader must start from the first row
 * too: a restarted load stages the whole input again instead of resuming by row count. So no chunk needs to be
 * durable on its own: the devices go into the file's table at once when the input has ended ({@link StagedLoad}),
 * in the transaction of the step's last chunk, where a failure fails the step.
 */
public class StagingWriter implements ItemStreamWriter<List<DeviceEntry>> {

	private final StagingStore store;

	private final long jobInstanceId;

	private final BooleanSupplier inputEnded;

	private StagedInstance staged;

	private StagedLoad load;

	private boolean finished;

	/**
	 * @param inputEnded whether the step's reader has handed out its last row: it is asked after each chunk, and the
	 * chunk after which it first says so is the last (a last chunk that the end of the input leaves empty, when the row
	 * count is a multiple of the chunk size, is never written, but is followed by this question all the same)
	 */
	public StagingWriter(StagingStore store, long jobInstanceId, BooleanSupplier inputEnded) {
		this.store = store;
		this.jobInstanceId = jobInstanceId;
		this.inputEnded = inputEnded;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.staged = this.store.startOver(this.jobInstanceId);
		this.load = new StagedLoad(this.staged);
		this.finished = false;
	}

	@Override
	public void write(Chunk<? extends List<DeviceEntry>> chunk) throws SQLException {
		for (List<DeviceEntry> entries : chunk) {
			this.load.append(entries);
		}
	}

	/** Called after each chunk is written, in its transaction (and after an empty last one). */
	@Override
	public void update(ExecutionContext executionContext) {
		if (this.load != null && !this.finished && this.inputEnded.getAsBoolean()) {
			try {
				this.load.finish();
			}
			catch (SQLException ex) {
				throw new ItemStreamException("cannot stage the devices: " + ex.getMessage(), ex);
			}
			this.finished = true;
		}
	}

	@Override
	public void close() {
		if (this.staged != null) {
			try {
				try {
					this.load.close();
				}
				finally {
					this.staged.close();
				}
			}
			catch (SQLException ex) {
				throw new ItemStreamException("cannot close the staging file: " + ex.getMessage(), ex);
			}
			this.staged = null;
			this.load = null;
		}
	}
}
