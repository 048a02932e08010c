package io.github.campaignbatch.submission;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * The end of the submit step's sending, inside the step: after the chunk that holds the reader's last campaign, it
 * waits for the campaigns in doubt ({@link InDoubtCampaigns#drain}), then fails the step
 * ({@link CampaignsUnfinishedException}) while any campaign is not final.
 * <p>
 * Inside, not after: Spring Batch records a step COMPLETED before its {@code afterStep} listeners run, and skips a
 * COMPLETED step on restart. A wait there, cut by a stop or a kill, left the campaigns in doubt to a step that was
 * never run again. Here the step is still running while it waits: a SIGTERM ends the wait at once and the step
 * STOPPED, a SIGKILL leaves it STARTED, and either way the next run or restart runs this step again and settles
 * them.
 */
public class EndOfSending implements ItemWriteListener<Long> {

	private static final Logger log = LoggerFactory.getLogger(EndOfSending.class);

	private final SubmissionLedger ledger;

	private final InDoubtCampaigns inDoubt;

	private final UnfinishedCampaignReader reader;

	private final Duration visibilityHorizon;

	private final boolean waitForHorizon;

	private final BooleanSupplier stopRequested;

	private final long jobInstanceId;

	/**
	 * @param waitForHorizon wait for the campaigns in doubt up to their visibility horizon ({@code run},
	 * {@code restart}), or give them one more history read and end ({@code schedule}: its other files go on, a later
	 * tick settles them)
	 * @param stopRequested whether a stop (SIGTERM) was asked for: the wait ends at once
	 */
	public EndOfSending(SubmissionLedger ledger, InDoubtCampaigns inDoubt, UnfinishedCampaignReader reader,
			Duration visibilityHorizon, boolean waitForHorizon, BooleanSupplier stopRequested, long jobInstanceId) {
		this.ledger = ledger;
		this.inDoubt = inDoubt;
		this.reader = reader;
		this.visibilityHorizon = visibilityHorizon;
		this.waitForHorizon = waitForHorizon;
		this.stopRequested = stopRequested;
		this.jobInstanceId = jobInstanceId;
	}

	@Override
	public void afterWrite(Chunk<? extends Long> items) {
		if (this.reader.handedOutAll()) {
			settle();
		}
	}

	private void settle() {
		this.inDoubt.drain(log::info, this.stopRequested, this.waitForHorizon);
		if (this.stopRequested.getAsBoolean()) {
			int left = this.inDoubt.size();
			if (left > 0) {
				log.info("Stopped while {} campaign(s) were in doubt: they stay UNKNOWN, and the next run or restart"
						+ " settles them before sending anything", left);
			}
			return;
		}
		List<LedgerCampaign> unfinished = this.ledger.unfinished(this.jobInstanceId);
		if (!unfinished.isEmpty()) {
			throw new CampaignsUnfinishedException(unfinished, this.visibilityHorizon);
		}
	}
}
