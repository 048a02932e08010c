package io.github.campaignbatch.submission;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Before the submit step sends anything: plans again what never reached the vendor, reconciles whatever may have
 * (a crash mid-POST leaves SUBMITTING behind) and takes what is still in doubt into {@link InDoubtCampaigns}' care;
 * for a job instance that never sent anything, looks its campaigns up in the vendor's history first
 * ({@link VendorHistoryLookup}). The wait for the campaigns in doubt at the end is {@link EndOfSending}'s, inside the
 * step.
 */
public class SubmissionStepListener implements StepExecutionListener, ChunkListener<Long, Long> {

	/**
	 * Key, in the submit step's execution context, of the one-line reason it failed: Batch records only the stack
	 * trace of its own wrapper ("Unable to process chunk"), cut before the cause, so {@code status} reads this.
	 */
	public static final String FAILURE = "campaign.submit.failure";

	private static final Logger log = LoggerFactory.getLogger(SubmissionStepListener.class);

	private final SubmissionLedger ledger;

	private final Reconciler reconciler;

	private final InDoubtCampaigns inDoubt;

	private final VendorHistoryLookup lookup;

	/**
	 * @param lookup {@code null} to skip the look-up of a fresh job instance's campaigns in the vendor's history
	 */
	public SubmissionStepListener(SubmissionLedger ledger, Reconciler reconciler, InDoubtCampaigns inDoubt,
			VendorHistoryLookup lookup) {
		this.ledger = ledger;
		this.reconciler = reconciler;
		this.inDoubt = inDoubt;
		this.lookup = lookup;
	}

	private StepExecution stepExecution;

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		try {
			prepare(stepExecution.getJobExecution().getJobInstanceId());
		}
		catch (RuntimeException ex) {
			if (!stepExecution.isTerminateOnly()) {
				throw ex;
			}
			// A stop cut a history read short (its waits end at once): the step stops before its first chunk, nothing
			// is sent, and the next run prepares again.
			log.info("Stopped while reading ThingSpace's history before sending: {}", ex.getMessage());
		}
	}

	private void prepare(long jobInstanceId) {
		if (this.lookup != null && !this.ledger.hasSentAnything(jobInstanceId)) {
			this.lookup.adoptCampaignsTheVendorHas(jobInstanceId);
		}
		int replanned = this.ledger.replanFailed(jobInstanceId);
		if (replanned > 0) {
			log.info("{} campaign(s) that could not be sent last time are planned again", replanned);
		}
		if (this.ledger.inDoubt(jobInstanceId).isEmpty()) {
			return;
		}
		Map<Reconciler.Verdict, Integer> verdicts = this.reconciler.reconcileAll(jobInstanceId);
		log.info("Reconciled campaigns left in doubt by an earlier run: {}", verdicts);
		for (LedgerCampaign campaign : this.ledger.inDoubt(jobInstanceId)) {
			this.inDoubt.add(campaign.id());
		}
	}

	@Override
	public void onChunkError(Exception exception, Chunk<Long> chunk) {
		String message = exception.getMessage();
		if (this.stepExecution != null && message != null && !message.isBlank()) {
			this.stepExecution.getExecutionContext().putString(FAILURE, message.strip().lines().findFirst().orElse(""));
		}
	}

	/**
	 * A step that completed has settled everything ({@link EndOfSending} fails it otherwise); should a campaign still
	 * not be final, the step is failed here rather than let the job complete with it.
	 */
	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
			return null;
		}
		List<LedgerCampaign> unfinished = this.ledger.unfinished(stepExecution.getJobExecution().getJobInstanceId());
		if (unfinished.isEmpty()) {
			return null;
		}
		stepExecution.setStatus(BatchStatus.FAILED);
		return ExitStatus.FAILED.addExitDescription(
				CampaignsUnfinishedException.describe(unfinished, this.reconciler.visibilityHorizon()));
	}
}
