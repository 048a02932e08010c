package io.github.campaignbatch.report;

/**
 * One line of the results report: one device entry of the input.
 */
public record ReportLine(long row, String imei, String account, String campaignName, String fileName,
		String fileVersion, DeviceOutcome status, String campaignId, String errorCode, String errorMessage) {

	/** The report's columns, in order; part of the contract. */
	public static final String[] HEADER = { "row", "imei", "account", "campaignName", "fileName", "fileVersion", "status",
			"campaignId", "errorCode", "errorMessage" };

	String[] cells() {
		return new String[] { Long.toString(this.row), this.imei, this.account, this.campaignName, this.fileName,
				this.fileVersion, this.status.name(), this.campaignId, this.errorCode, this.errorMessage };
	}
}
