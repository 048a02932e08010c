package io.github.campaignbatch.submission;

import java.time.Duration;

import io.github.campaignbatch.thingspace.AuthenticationFailedException;
import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.SubmissionOutcomeUnknownException;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceUnavailableException;
import io.github.campaignbatch.thingspace.VendorRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one campaign exactly once. The ledger says SUBMITTING before the POST and the outcome after it; an
 * ambiguous outcome is reconciled against the vendor's history before any resend, and a campaign is resent
 * only when the history proves the earlier POST created nothing.
 */
public class CampaignSubmitter {

	private static final Logger log = LoggerFactory.getLogger(CampaignSubmitter.class);

	private final SubmissionLedger ledger;

	private final ThingSpaceClient client;

	private final Reconciler reconciler;

	private final SubmissionSettings settings;

	public CampaignSubmitter(SubmissionLedger ledger, ThingSpaceClient client, Reconciler reconciler,
			SubmissionSettings settings) {
		this.ledger = ledger;
		this.client = client;
		this.reconciler = reconciler;
		this.settings = settings;
	}

	/**
	 * Brings one campaign as far as it can go: SCHEDULED or REJECTED, or FAILED/UNKNOWN for a restart to pick
	 * up. Only an authentication failure is thrown, since it stops every other campaign too.
	 */
	public CampaignState submit(long campaignId) {
		LedgerCampaign campaign = this.ledger.find(campaignId);
		if (campaign.state().needsReconciliation()) {
			this.reconciler.reconcile(campaign);
			campaign = this.ledger.find(campaignId);
		}
		int sends = 0;
		while (campaign.state() == CampaignState.PLANNED && sends < this.settings.maxSendsPerRun()) {
			if (!this.ledger.markSubmitting(campaignId)) {
				break;
			}
			sends++;
			send(campaign);
			campaign = this.ledger.find(campaignId);
			if (campaign.state() == CampaignState.UNKNOWN) {
				pause(this.settings.reconcileDelay());
				this.reconciler.reconcile(campaign);
				campaign = this.ledger.find(campaignId);
			}
		}
		return campaign.state();
	}

	private void send(LedgerCampaign campaign) {
		try {
			Campaign created = this.client.scheduleFileUpgrade(campaign.account(),
					CampaignRequests.of(campaign, this.ledger.deviceList(campaign)));
			this.ledger.markScheduled(campaign.id(), CampaignState.SUBMITTING, created.id(), created.status());
			log.info("Scheduled campaign '{}' ({} devices): id {}", campaign.name(), campaign.deviceCount(), created.id());
		}
		catch (VendorRejectedException ex) {
			this.ledger.markRejected(campaign.id(), ex.errorCode(), ex.errorMessage());
			log.warn("ThingSpace rejected campaign '{}': {} {}", campaign.name(), ex.errorCode(), ex.errorMessage());
		}
		catch (ThingSpaceUnavailableException ex) {
			this.ledger.markFailed(campaign.id(), "NOT_SENT", ex.getMessage());
			log.warn("Campaign '{}' could not be sent: {}", campaign.name(), ex.getMessage());
		}
		catch (SubmissionOutcomeUnknownException ex) {
			this.ledger.markUnknown(campaign.id(), ex.getMessage());
			log.warn("Outcome of campaign '{}' unknown ({}): reconciling before any resend", campaign.name(),
					ex.getMessage());
		}
		catch (AuthenticationFailedException ex) {
			// Credentials are checked before the POST goes out: the campaign was not sent.
			this.ledger.markPlanned(campaign.id(), CampaignState.SUBMITTING);
			throw ex;
		}
		catch (RuntimeException ex) {
			// Anything unexpected may have happened after the request left: treat as unknown, never as not sent.
			this.ledger.markUnknown(campaign.id(), ex.getClass().getSimpleName() + ": " + ex.getMessage());
			log.warn("Unexpected failure submitting campaign '{}': {}", campaign.name(), ex.toString());
		}
	}

	private static void pause(Duration delay) {
		if (delay.isZero() || delay.isNegative()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
