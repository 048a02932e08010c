package io.github.campaignbatch.submission;

import java.time.LocalDate;

/**
 * One row of the submission ledger: a campaign (or campaign part) of a job instance and where it stands.
 */
public record LedgerCampaign(long id, long jobInstanceId, String campaignKey, int partNo, String name, String account,
		String fileName, String fileVersion, String distributionType, LocalDate startDate, LocalDate endDate,
		LocalDate downloadAfterDate, String downloadWindows, LocalDate installAfterDate, String installWindows,
		int deviceCount, CampaignState state, String remoteId, int attempts) {
}
