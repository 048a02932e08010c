package io.github.campaignbatch.report;

/**
 * One line of the results report: one device entry of the input, or a device {@code amend} added to a campaign
 * ({@code row} 0, written empty). The last four columns are filled by {@code track}: the campaign's status at
 * ThingSpace, the device's, the vendor's reason, and when that device status was first seen (UTC, ISO-8601); empty
 * until then.
 */
public record ReportLine(long row, String imei, String account, String campaignName, String fileName,
		String fileVersion, DeviceOutcome status, String campaignId, String errorCode, String errorMessage,
		String vendorStatus, String deviceStatus, String resultReason, java.time.Instant statusAt) {

	/** The report's columns, in order; part of the contract. */
	public static final String[] HEADER = { "row", "imei", "account", "campaignName", "fileName", "fileVersion", "status",
			"campaignId", "errorCode", "errorMessage", "vendorStatus", "deviceStatus", "resultReason", "statusAt" };

	String[] cells() {
		return new String[] { this.row > 0 ? Long.toString(this.row) : "", this.imei, this.account, this.campaignName, this.fileName,
				this.fileVersion, this.status.name(), this.campaignId, this.errorCode, this.errorMessage, this.vendorStatus,
				this.deviceStatus, this.resultReason, this.statusAt == null ? "" : this.statusAt.toString() };
	}
}
