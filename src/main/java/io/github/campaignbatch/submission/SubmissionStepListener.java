package io.github.campaignbatch.submission;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Before the submit step sends anything: plans again what never reached the vendor and reconciles whatever may
 * have (a crash mid-POST leaves SUBMITTING behind). After it: fails the step while any campaign is not final,
 * so the job ends FAILED and a restart picks up exactly those.
 */
public class SubmissionStepListener implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(SubmissionStepListener.class);

	private final SubmissionLedger ledger;

	private final Reconciler reconciler;

	public SubmissionStepListener(SubmissionLedger ledger, Reconciler reconciler) {
		this.ledger = ledger;
		this.reconciler = reconciler;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long jobInstanceId = stepExecution.getJobExecution().getJobInstanceId();
		int replanned = this.ledger.replanFailed(jobInstanceId);
		if (replanned > 0) {
			log.info("{} campaign(s) that could not be sent last time are planned again", replanned);
		}
		Map<Reconciler.Verdict, Integer> verdicts = this.reconciler.reconcileAll(jobInstanceId);
		if (!verdicts.isEmpty()) {
			log.info("Reconciled campaigns left in doubt by an earlier run: {}", verdicts);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
			return null;
		}
		List<LedgerCampaign> unfinished = this.ledger.inState(stepExecution.getJobExecution().getJobInstanceId(),
				CampaignState.PLANNED, CampaignState.SUBMITTING, CampaignState.UNKNOWN, CampaignState.FAILED);
		if (unfinished.isEmpty()) {
			return null;
		}
		String description = unfinished.size() + " campaign(s) not final (FAILED or UNKNOWN): restart the job to retry them";
		stepExecution.setStatus(BatchStatus.FAILED);
		return ExitStatus.FAILED.addExitDescription(description);
	}
}
