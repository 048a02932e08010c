package io.github.campaignbatch.submission;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Before the submit step sends anything: plans again what never reached the vendor, reconciles whatever may have
 * (a crash mid-POST leaves SUBMITTING behind) and takes what is still in doubt into {@link InDoubtCampaigns}' care;
 * for a job instance that never sent anything, looks its campaigns up in the vendor's history first
 * ({@link VendorHistoryLookup}). After it: waits for the campaigns in doubt up to their visibility horizon, then
 * fails the step while any campaign is not final, so that the job ends FAILED and a restart picks up exactly those.
 */
public class SubmissionStepListener implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(SubmissionStepListener.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

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

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long jobInstanceId = stepExecution.getJobExecution().getJobInstanceId();
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
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
			return null;
		}
		long jobInstanceId = stepExecution.getJobExecution().getJobInstanceId();
		if (this.inDoubt.size() > 0) {
			this.inDoubt.drain(log::info);
		}
		List<LedgerCampaign> unfinished = this.ledger.inState(jobInstanceId, CampaignState.PLANNED,
				CampaignState.SUBMITTING, CampaignState.UNKNOWN, CampaignState.FAILED);
		if (unfinished.isEmpty()) {
			return null;
		}
		stepExecution.setStatus(BatchStatus.FAILED);
		return ExitStatus.FAILED.addExitDescription(describe(unfinished));
	}

	private String describe(List<LedgerCampaign> unfinished) {
		List<LedgerCampaign> doubtful = unfinished.stream().filter(c -> c.state().needsReconciliation()).toList();
		int others = unfinished.size() - doubtful.size();
		StringBuilder text = new StringBuilder();
		if (!doubtful.isEmpty()) {
			Instant settleAfter = doubtful.stream()
				.map(c -> c.settleableAfter(this.reconciler.visibilityHorizon()))
				.max(Instant::compareTo)
				.orElseThrow();
			text.append(doubtful.size()).append(" campaign(s) in doubt (UNKNOWN: sent, answer lost, not in ThingSpace's"
					+ " history yet); a run or restart after ").append(TIME.format(settleAfter))
				.append(" UTC settles them without sending any twice");
		}
		if (others > 0) {
			text.append(text.isEmpty() ? "" : "; ").append(others)
				.append(" campaign(s) not sent (FAILED or PLANNED): a restart sends them");
		}
		return text.toString();
	}
}
