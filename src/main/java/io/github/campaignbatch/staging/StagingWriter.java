package io.github.campaignbatch.staging;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.validation.DeviceEntry;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The load step's writer: appends each chunk's device entries to the job instance's staging file. Opening it
 * starts the staging over (see {@link StagingStore}), so the load step's reader must start from the first row
 * too: a restarted load stages the whole input again instead of resuming by row count.
 */
public class StagingWriter implements ItemStreamWriter<List<DeviceEntry>> {

	private final StagingStore store;

	private final long jobInstanceId;

	private StagedInstance staged;

	private StagedLoad load;

	public StagingWriter(StagingStore store, long jobInstanceId) {
		this.store = store;
		this.jobInstanceId = jobInstanceId;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.staged = this.store.startOver(this.jobInstanceId);
		this.load = new StagedLoad(this.staged);
	}

	@Override
	public void write(Chunk<? extends List<DeviceEntry>> chunk) throws SQLException {
		List<DeviceEntry> entries = new ArrayList<>();
		chunk.forEach(entries::addAll);
		this.load.append(entries);
		this.load.commit();
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
