package io.github.campaignbatch.submission;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The submit step ended with campaigns that are not final: it fails, so that its execution is never COMPLETED while
 * one is in doubt or unsent, and a run or restart resumes exactly those. The message is the operator's line: how
 * many, and when a run settles the ones in doubt.
 */
public class CampaignsUnfinishedException extends RuntimeException {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

	private final boolean onlyInDoubt;

	private final Instant settleableAfter;

	/**
	 * @param unfinished at least one campaign that is not final
	 * @param visibilityHorizon how long after its last POST a campaign in doubt may still be missing from the history
	 */
	public CampaignsUnfinishedException(List<LedgerCampaign> unfinished, Duration visibilityHorizon) {
		super(describe(unfinished, visibilityHorizon));
		List<LedgerCampaign> doubtful = inDoubt(unfinished);
		this.onlyInDoubt = doubtful.size() == unfinished.size();
		this.settleableAfter = latestSettleable(doubtful, visibilityHorizon);
	}

	/** Whether every unfinished campaign is in doubt (none unsent): nothing failed, a later run settles them. */
	public boolean onlyInDoubt() {
		return this.onlyInDoubt;
	}

	/** When a run may settle the last campaign in doubt (found, or proved not created); {@code null} if none is. */
	public Instant settleableAfter() {
		return this.settleableAfter;
	}

	private static List<LedgerCampaign> inDoubt(List<LedgerCampaign> unfinished) {
		return unfinished.stream().filter(campaign -> campaign.state().needsReconciliation()).toList();
	}

	private static Instant latestSettleable(List<LedgerCampaign> doubtful, Duration visibilityHorizon) {
		return doubtful.stream().map(campaign -> campaign.settleableAfter(visibilityHorizon)).max(Instant::compareTo)
			.orElse(null);
	}

	/** The operator's line for campaigns left unfinished: how many of each kind, and what settles them. */
	static String describe(List<LedgerCampaign> unfinished, Duration visibilityHorizon) {
		List<LedgerCampaign> doubtful = inDoubt(unfinished);
		int others = unfinished.size() - doubtful.size();
		StringBuilder text = new StringBuilder();
		if (!doubtful.isEmpty()) {
			text.append(doubtful.size()).append(" campaign(s) in doubt (UNKNOWN: sent, answer lost, not in ThingSpace's"
					+ " history yet); a run or restart after ")
				.append(TIME.format(latestSettleable(doubtful, visibilityHorizon)))
				.append(" UTC settles them without sending any twice");
		}
		if (others > 0) {
			text.append(text.isEmpty() ? "" : "; ").append(others)
				.append(" campaign(s) not sent (FAILED or PLANNED): a restart sends them");
		}
		return text.toString();
	}
}
