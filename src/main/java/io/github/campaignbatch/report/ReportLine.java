package io.github.campaignbatch.report;

/**
 * One line of the results report: one device entry of the input, or a device {@code amend} added to a campaign
 * ({@code row} 0, written empty). The last four columns are filled by {@code track}: the campaign's status at
 * ThingSpace, the device's, the vendor's reason, and when that device status was first seen (UTC, ISO-8601); empty
 * until then.
 */
public record ReportLine(long row, String imei, String account, String campaignName, String fileName,
		String fileVersion, DeviceOutcome status, String campaignId, String errorCode, String errorMessage,
		String vendorStatus, String deviceStatus, String resultReason, java.time.Instant statusAt, String wave) {

	/** The report's columns, in order; part of the contract. */
	public static final String[] HEADER = { "row", "imei", "account", "campaignName", "fileName", "fileVersion", "status",
			"campaignId", "errorCode", "errorMessage", "vendorStatus", "deviceStatus", "resultReason", "statusAt" };

	/** Where a rollout's report has its {@code wave} column: after {@code campaignName}. */
	private static final int WAVE_COLUMN = 4;

	/** The columns of a report: with a {@code wave} column (1 = the first wave, the pilot) when the run rolled out. */
	static String[] header(boolean waves) {
		return waves ? withWave(HEADER, "wave") : HEADER;
	}

	String[] cells() {
		return new String[] { this.row > 0 ? Long.toString(this.row) : "", this.imei, this.account, this.campaignName, this.fileName,
				this.fileVersion, this.status.name(), this.campaignId, this.errorCode, this.errorMessage, this.vendorStatus,
				this.deviceStatus, this.resultReason, this.statusAt == null ? "" : this.statusAt.toString() };
	}

	String[] cells(boolean waves) {
		return waves ? withWave(cells(), this.wave) : cells();
	}

	private static String[] withWave(String[] cells, String wave) {
		String[] with = new String[cells.length + 1];
		System.arraycopy(cells, 0, with, 0, WAVE_COLUMN);
		with[WAVE_COLUMN] = wave;
		System.arraycopy(cells, WAVE_COLUMN, with, WAVE_COLUMN + 1, cells.length - WAVE_COLUMN);
		return with;
	}
}
