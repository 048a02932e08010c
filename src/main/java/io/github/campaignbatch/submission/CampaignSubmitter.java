package io.github.campaignbatch.submission;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.campaignbatch.thingspace.AuthenticationFailedException;
import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.SubmissionOutcomeUnknownException;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceUnavailableException;
import io.github.campaignbatch.thingspace.VendorRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one PLANNED campaign once: the ledger says SUBMITTING (with the send time) before the POST and the
 * outcome after it. An ambiguous outcome leaves the campaign UNKNOWN and returns at once: settling it is the
 * {@link InDoubtCampaigns}' work, off the worker threads, so a lost answer never holds a worker that could be
 * sending other campaigns.
 */
public class CampaignSubmitter {

	private static final Logger log = LoggerFactory.getLogger(CampaignSubmitter.class);

	private final SubmissionLedger ledger;

	private final ThingSpaceClient client;

	private final Reconciler reconciler;

	private final SubmissionSettings settings;

	private final Clock clock;

	private final Map<Long, Integer> sendsThisRun = new ConcurrentHashMap<>();

	public CampaignSubmitter(SubmissionLedger ledger, ThingSpaceClient client, Reconciler reconciler,
			SubmissionSettings settings, Clock clock) {
		this.ledger = ledger;
		this.client = client;
		this.reconciler = reconciler;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Sends the campaign if it is PLANNED and has not used up this run's sends; otherwise leaves it as it is.
	 * @return its state afterwards: SCHEDULED or REJECTED, UNKNOWN (answer lost), FAILED (certainly not
	 * processed, e.g. ThingSpace unreachable), or the state it already had
	 * @throws AuthenticationFailedException the credentials were refused: it stops every other campaign too
	 */
	public CampaignState send(long campaignId) {
		LedgerCampaign campaign = this.ledger.find(campaignId);
		if (campaign.state() != CampaignState.PLANNED) {
			return campaign.state();
		}
		if (this.sendsThisRun.getOrDefault(campaignId, 0) >= this.settings.maxSendsPerRun()) {
			log.warn("Campaign '{}' was sent {} times in this run without being created; left for a later run",
					campaign.name(), this.settings.maxSendsPerRun());
			return campaign.state();
		}
		if (!this.ledger.markSubmitting(campaignId)) {
			return this.ledger.find(campaignId).state();
		}
		this.sendsThisRun.merge(campaignId, 1, Integer::sum);
		post(campaign);
		return this.ledger.find(campaignId).state();
	}

	private void post(LedgerCampaign campaign) {
		try {
			Campaign created = this.client.scheduleFileUpgrade(campaign.account(),
					CampaignRequests.of(campaign, this.ledger.deviceList(campaign)));
			this.ledger.markScheduled(campaign.id(), CampaignState.SUBMITTING, created.id(), created.status());
			log.info("Scheduled campaign '{}' ({} devices): id {}", campaign.name(), campaign.deviceCount(), created.id());
		}
		catch (VendorRejectedException ex) {
			this.ledger.markRejected(campaign.id(), ex.errorCode(), PilotLimitRefusal.explain(ex.errorCode(),
					ex.errorMessage()));
			log.warn("ThingSpace rejected campaign '{}': {} {}", campaign.name(), ex.errorCode(), ex.errorMessage());
		}
		catch (ThingSpaceUnavailableException ex) {
			this.ledger.markFailed(campaign.id(), "NOT_SENT", ex.getMessage());
			// One failure is the report's business; a run of them is the writer's ("ThingSpace is unreachable").
			log.debug("Campaign '{}' could not be sent: {}", campaign.name(), ex.getMessage());
		}
		catch (SubmissionOutcomeUnknownException ex) {
			lost(campaign, ex.getMessage());
		}
		catch (AuthenticationFailedException ex) {
			// Credentials are checked before the POST goes out: the campaign was not sent.
			this.ledger.markPlanned(campaign.id(), CampaignState.SUBMITTING);
			throw ex;
		}
		catch (RuntimeException ex) {
			// Anything unexpected may have happened after the request left: treat as unknown, never as not sent.
			lost(campaign, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private void lost(LedgerCampaign campaign, String reason) {
		this.ledger.markUnknown(campaign.id(), this.reconciler.inDoubtNote(this.clock.instant(), "answer lost (" + reason + ")"));
		log.warn("Outcome of campaign '{}' unknown ({}): in doubt; it is looked up in ThingSpace's history, never resent"
				+ " on a guess", campaign.name(), reason);
	}
}
