package io.github.campaignbatch.report;

import java.time.LocalDate;

/**
 * One campaign (or campaign part) with its devices counted by outcome at ThingSpace, for the XLSX summary sheet.
 *
 * @param stopped devices whose campaign was cancelled or aborted before they got a result
 * @param pending scheduled devices without a final status yet
 * @param notSent devices of a campaign that was not scheduled (rejected, failed, not sent yet)
 */
public record CampaignSummary(String name, String account, String fileName, String fileVersion, LocalDate startDate,
		LocalDate endDate, String campaignId, String state, String vendorStatus, long devices, long success, long failed,
		long rejected, long stopped, long pending, long notSent, String errorCode, String errorMessage) {

	static final String[] HEADER = { "campaignName", "account", "fileName", "fileVersion", "startDate", "endDate",
			"campaignId", "state", "vendorStatus", "devices", "UpgradeSuccess", "UpgradeFailed", "DeviceRejected",
			"cancelled/aborted", "pending", "not sent", "errorCode", "errorMessage" };

	/** The counted columns, for the totals and the chart: first and last index in {@link #HEADER}. */
	static final int FIRST_COUNT = 9;

	static final int LAST_COUNT = 15;

	long[] counts() {
		return new long[] { this.devices, this.success, this.failed, this.rejected, this.stopped, this.pending,
				this.notSent };
	}
}
