package io.github.campaignbatch.submission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles campaigns whose POST may or may not have created them ({@code SUBMITTING} after a crash,
 * {@code UNKNOWN} after a timeout or a 5xx) by looking for them in the vendor's campaign history, in every
 * known status: found means SCHEDULED with the vendor's id; not found means PLANNED again, safe to send.
 * When the history cannot be read, the campaign stays as it is: nothing is sent on a guess.
 */
public class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	/** What reconciling one campaign concluded. */
	public enum Verdict {
		/** It exists at the vendor; the ledger now says SCHEDULED. */
		FOUND,
		/** It does not exist; the ledger now says PLANNED. */
		NOT_FOUND,
		/** Still unknown: the history could not be read or was ambiguous. */
		UNDECIDED
	}

	private final SubmissionLedger ledger;

	private final ThingSpaceClient client;

	public Reconciler(SubmissionLedger ledger, ThingSpaceClient client) {
		this.ledger = ledger;
		this.client = client;
	}

	/** Reconciles every campaign of the job instance that needs it, reading each account's history once. */
	public Map<Verdict, Integer> reconcileAll(long jobInstanceId) {
		Map<Verdict, Integer> verdicts = new HashMap<>();
		List<LedgerCampaign> pending = this.ledger.inState(jobInstanceId, CampaignState.SUBMITTING, CampaignState.UNKNOWN);
		Map<String, List<Campaign>> historyByAccount = new HashMap<>();
		for (LedgerCampaign campaign : pending) {
			List<Campaign> history = historyByAccount.computeIfAbsent(campaign.account(), this::historyOrNull);
			verdicts.merge(settle(campaign, history), 1, Integer::sum);
		}
		return verdicts;
	}

	/** Reconciles one campaign with a fresh read of its account's history. */
	public Verdict reconcile(LedgerCampaign campaign) {
		return settle(campaign, historyOrNull(campaign.account()));
	}

	private Verdict settle(LedgerCampaign campaign, List<Campaign> history) {
		if (history == null) {
			this.ledger.noteUnknown(campaign.id(),
					"outcome unknown and the campaign history could not be read; a restart reconciles again");
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
			log.info("Campaign '{}' was created before the outcome was lost: found as {} ({})", campaign.name(),
					found.id(), found.status());
			return Verdict.FOUND;
		}
		if (matches.size() > 1) {
			this.ledger.noteUnknown(campaign.id(), matches.size() + " campaigns named '" + campaign.name()
					+ "' with these dates exist at ThingSpace: check them in the portal; nothing was resent");
			return Verdict.UNDECIDED;
		}
		this.ledger.markPlanned(campaign.id(), campaign.state());
		log.info("Campaign '{}' is not in the vendor's history: it was not created and will be sent", campaign.name());
		return Verdict.NOT_FOUND;
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
}
