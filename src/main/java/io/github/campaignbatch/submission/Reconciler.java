package io.github.campaignbatch.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles campaigns whose POST may or may not have created them ({@code SUBMITTING} after a crash,
 * {@code UNKNOWN} after a timeout, a 5xx or a dropped connection) by looking for them in the vendor's campaign
 * history, in every known status.
 * <ul>
 * <li>Found: SCHEDULED with the vendor's id.</li>
 * <li>Not found, by a read that began at least the visibility horizon after the campaign's last POST: it was not
 * created; PLANNED again, safe to send.</li>
 * <li>Not found earlier than that, or the history could not be read: still in doubt (UNKNOWN), with a note
 * saying until when. The history is a report that lags behind the vendor's writes: "not there yet" is not
 * "not created". Nothing is ever sent on a guess.</li>
 * </ul>
 */
public class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

	/** What reconciling one campaign concluded. */
	public enum Verdict {
		/** It exists at the vendor; the ledger now says SCHEDULED. */
		FOUND,
		/** It does not exist; the ledger now says PLANNED. */
		NOT_FOUND,
		/** Still in doubt (UNKNOWN): too early to tell, the history could not be read, or it was ambiguous. */
		UNDECIDED
	}

	private final SubmissionLedger ledger;

	private final ThingSpaceClient client;

	private final Clock clock;

	private final Duration visibilityHorizon;

	public Reconciler(SubmissionLedger ledger, ThingSpaceClient client, Clock clock, Duration visibilityHorizon) {
		this.ledger = ledger;
		this.client = client;
		this.clock = clock;
		this.visibilityHorizon = visibilityHorizon;
	}

	public Duration visibilityHorizon() {
		return this.visibilityHorizon;
	}

	/** Reconciles every campaign of the job instance that needs it, reading each account's history once. */
	public Map<Verdict, Integer> reconcileAll(long jobInstanceId) {
		Map<Long, Verdict> verdicts = reconcile(this.ledger.inDoubt(jobInstanceId).stream().map(LedgerCampaign::id).toList());
		Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
		verdicts.values().forEach(verdict -> counts.merge(verdict, 1, Integer::sum));
		return counts;
	}

	/**
	 * Reconciles the given campaigns (those no longer in doubt are left alone), reading each account's history once
	 * for all of them.
	 * @return the verdict per campaign still in doubt when the call began
	 */
	public Map<Long, Verdict> reconcile(Collection<Long> campaignIds) {
		Map<String, List<LedgerCampaign>> byAccount = new LinkedHashMap<>();
		for (long id : campaignIds) {
			LedgerCampaign campaign = this.ledger.find(id);
			if (campaign.state().needsReconciliation()) {
				byAccount.computeIfAbsent(campaign.account(), account -> new ArrayList<>()).add(campaign);
			}
		}
		Map<Long, Verdict> verdicts = new LinkedHashMap<>();
		byAccount.forEach((account, campaigns) -> {
			// The read's start is what counts: a campaign created before it began may still be missing from it.
			Instant readStartedAt = this.clock.instant();
			List<Campaign> history = historyOrNull(account);
			for (LedgerCampaign campaign : campaigns) {
				// Read again: a worker may have settled it while the history was being read.
				LedgerCampaign current = this.ledger.find(campaign.id());
				if (current.state().needsReconciliation()) {
					verdicts.put(current.id(), settle(current, history, readStartedAt));
				}
			}
		});
		return verdicts;
	}

	/** Reconciles one campaign with a fresh read of its account's history. */
	public Verdict reconcile(LedgerCampaign campaign) {
		return reconcile(List.of(campaign.id())).getOrDefault(campaign.id(), Verdict.UNDECIDED);
	}

	/** The note an in-doubt campaign carries: what UNKNOWN means here and when it will be settled. */
	public String inDoubtNote(Instant lastSentAt, String why) {
		return "in doubt, settled after " + TIME.format(lastSentAt.plus(this.visibilityHorizon))
				+ " UTC: " + why + "; ThingSpace's history may show a new campaign up to "
				+ describe(this.visibilityHorizon) + " late (campaign.submission.visibility-horizon), so a run or"
				+ " restart after that time settles it: found means SCHEDULED, still absent means sent again";
	}

	private Verdict settle(LedgerCampaign campaign, List<Campaign> history, Instant readStartedAt) {
		if (history == null) {
			inDoubt(campaign, "the campaign history could not be read");
			return Verdict.UNDECIDED;
		}
		List<Campaign> matches = new ArrayList<>();
		for (Campaign remote : history) {
			if (CampaignRequests.matches(campaign, remote) && !this.ledger.isKnownRemoteId(remote.id())) {
				matches.add(remote);
			}
		}
		if (matches.size() == 1) {
			Campaign found = matches.get(0);
			this.ledger.markScheduled(campaign.id(), campaign.state(), found.id(), found.status());
			log.info("Campaign '{}' was created though its answer was lost: found in ThingSpace's history as {} ({})",
					campaign.name(), found.id(), found.status());
			return Verdict.FOUND;
		}
		if (matches.size() > 1) {
			this.ledger.markInDoubt(campaign.id(), campaign.state(), matches.size() + " campaigns named '" + campaign.name()
					+ "' with these dates exist at ThingSpace: check them in the portal; nothing was resent");
			return Verdict.UNDECIDED;
		}
		if (readStartedAt.isBefore(campaign.settleableAfter(this.visibilityHorizon))) {
			inDoubt(campaign, "not in ThingSpace's history yet");
			return Verdict.UNDECIDED;
		}
		this.ledger.markPlanned(campaign.id(), campaign.state());
		log.info("Campaign '{}' is not in ThingSpace's history {} after it was sent: it was not created and will be sent"
				+ " again", campaign.name(), describe(Duration.between(campaign.lastSentAt() == null ? Instant.EPOCH
						: campaign.lastSentAt(), readStartedAt)));
		return Verdict.NOT_FOUND;
	}

	private void inDoubt(LedgerCampaign campaign, String why) {
		String note = inDoubtNote(campaign.lastSentAt() == null ? Instant.EPOCH : campaign.lastSentAt(), why);
		if (campaign.state() == CampaignState.UNKNOWN) {
			this.ledger.noteUnknown(campaign.id(), note);
		}
		else {
			this.ledger.markInDoubt(campaign.id(), campaign.state(), note);
		}
	}

	private List<Campaign> historyOrNull(String account) {
		try {
			return this.client.campaignHistory(account, ThingSpaceClient.KNOWN_CAMPAIGN_STATUSES);
		}
		catch (ThingSpaceException ex) {
			log.warn("Cannot read the campaign history of account {}: {}", account, ex.getMessage());
			return null;
		}
	}

	/** A duration as an operator reads it: {@code 10 min}, {@code 90 s}, {@code 1 h 30 min}. */
	static String describe(Duration duration) {
		long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
		if (seconds < 120) {
			return seconds + " s";
		}
		long minutes = (seconds + 59) / 60;
		return minutes < 120 ? minutes + " min" : minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
	}
}
