package io.github.campaignbatch.report;

/**
 * One campaign (or campaign part) of a run, for the XLSX report's campaigns sheet and the summary.
 */
public record CampaignLine(String name, String account, String fileName, String fileVersion, String startDate,
		String endDate, int devices, String state, String campaignId, String vendorStatus, String errorCode,
		String errorMessage) {

	public static final String[] HEADER = { "campaignName", "account", "fileName", "fileVersion", "startDate", "endDate",
			"devices", "state", "campaignId", "vendorStatus", "errorCode", "errorMessage" };

	String[] cells() {
		return new String[] { this.name, this.account, this.fileName, this.fileVersion, this.startDate, this.endDate,
				Integer.toString(this.devices), this.state, this.campaignId, this.vendorStatus, this.errorCode,
				this.errorMessage };
	}
}
