package io.github.campaignbatch.submission;

import java.util.Iterator;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the ids of the job instance's campaigns that are not final yet. The ledger, not a read count, is the
 * restart state: a restarted step simply asks the ledger again.
 */
public class UnfinishedCampaignReader implements ItemStreamReader<Long> {

	private final SubmissionLedger ledger;

	private final long jobInstanceId;

	private Iterator<Long> ids;

	public UnfinishedCampaignReader(SubmissionLedger ledger, long jobInstanceId) {
		this.ledger = ledger;
		this.jobInstanceId = jobInstanceId;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.ids = this.ledger.unfinishedIds(this.jobInstanceId).iterator();
	}

	/** Whether every campaign has been handed out: the chunk being written holds the last one. */
	public boolean handedOutAll() {
		return this.ids != null && !this.ids.hasNext();
	}

	@Override
	public Long read() {
		return this.ids != null && this.ids.hasNext() ? this.ids.next() : null;
	}
}
