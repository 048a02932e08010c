package io.github.campaignbatch.submission;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the submission ledger: a campaign (or campaign part) of a job instance and where it stands.
 *
 * @param lastSentAt when its last POST went out (moved to the moment the answer was lost when the outcome is
 * unknown, so it is never earlier than the vendor's creation of the campaign); {@code null} if never sent
 */
public record LedgerCampaign(long id, long jobInstanceId, String campaignKey, int partNo, String name, String account,
		String fileName, String fileVersion, String distributionType, LocalDate startDate, LocalDate endDate,
		LocalDate downloadAfterDate, String downloadWindows, LocalDate installAfterDate, String installWindows,
		int deviceCount, CampaignState state, String remoteId, int attempts, Instant lastSentAt) {

	/**
	 * The earliest moment a history read may prove that this campaign's last POST created nothing: its send time
	 * plus the visibility horizon.
	 */
	public Instant settleableAfter(Duration visibilityHorizon) {
		return (this.lastSentAt == null ? Instant.EPOCH : this.lastSentAt).plus(visibilityHorizon);
	}
}
