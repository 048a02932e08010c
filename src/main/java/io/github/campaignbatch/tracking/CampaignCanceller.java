package io.github.campaignbatch.tracking;

import io.github.campaignbatch.thingspace.AuthenticationFailedException;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceException;
import io.github.campaignbatch.thingspace.VendorRejectedException;

/**
 * Cancels (before start) or aborts (after start) one scheduled campaign. The campaign's status is read first: a
 * campaign already final is reported, not sent a DELETE. The request is written to the job database before the
 * DELETE and its outcome after, so repeating a cancel (after a crash, say) reads the status again and never does
 * harm: a DELETE of a campaign cancelled meanwhile is refused by the vendor and reported as already final.
 */
public class CampaignCanceller {

	/** What became of one campaign. */
	public record Result(TrackedCampaign campaign, Kind kind, String vendorStatus, String detail) {
	}

	public enum Kind {
		/** The DELETE was accepted; {@code vendorStatus} says whether it was cancelled or aborted. */
		CANCELLED,
		/** The campaign was already final; nothing was sent. */
		ALREADY_FINAL,
		/** The campaign could not be read or the DELETE failed; {@code detail} says why. */
		FAILED
	}

	private final TrackingStore store;

	private final ThingSpaceClient client;

	public CampaignCanceller(TrackingStore store, ThingSpaceClient client) {
		this.store = store;
		this.client = client;
	}

	/** @throws AuthenticationFailedException the credentials were refused */
	public Result cancel(TrackedCampaign campaign) {
		try {
			String before = this.client.getCampaign(campaign.account(), campaign.remoteId()).status();
			if (VendorStatuses.isFinalCampaign(before)) {
				this.store.noteCancelOutcome(campaign, before, "already " + before + ": not sent");
				return new Result(campaign, Kind.ALREADY_FINAL, before, "already " + before);
			}
			this.store.noteCancelRequested(campaign);
			try {
				this.client.cancelCampaign(campaign.account(), campaign.remoteId());
			}
			catch (VendorRejectedException refused) {
				// It may have ended or been cancelled between the read and the DELETE.
				String now = this.client.getCampaign(campaign.account(), campaign.remoteId()).status();
				if (VendorStatuses.isFinalCampaign(now)) {
					this.store.noteCancelOutcome(campaign, now, "already " + now + ": DELETE refused");
					return new Result(campaign, Kind.ALREADY_FINAL, now, "already " + now + " (the DELETE was refused)");
				}
				this.store.noteCancelOutcome(campaign, now, "refused: " + refused.getMessage());
				return new Result(campaign, Kind.FAILED, now, "refused: " + refused.getMessage());
			}
			String after = this.client.getCampaign(campaign.account(), campaign.remoteId()).status();
			this.store.noteCancelOutcome(campaign, after, after);
			return new Result(campaign, Kind.CANCELLED, after, after);
		}
		catch (AuthenticationFailedException ex) {
			throw ex;
		}
		catch (ThingSpaceException | IllegalArgumentException ex) {
			return new Result(campaign, Kind.FAILED, campaign.vendorStatus(), ex.getMessage());
		}
	}
}
