package io.github.campaignbatch.tracking;

/**
 * A scheduled campaign of the ledger, as tracking and cancelling see it.
 *
 * @param id the ledger's campaign id
 * @param remoteId the vendor's campaign id
 * @param vendorStatus the status last read (or the one the POST answered)
 * @param finished its final status and its devices' final statuses have been read: no longer polled
 */
public record TrackedCampaign(long id, long jobInstanceId, String name, String account, String remoteId,
		String vendorStatus, boolean finished) {
}
