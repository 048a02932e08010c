package io.github.campaignbatch.validation;

import io.github.campaignbatch.campaign.Schedule;

/**
 * One device of one input row after validation, ready to stage. A row whose IMEI cell lists three devices
 * yields three entries with {@code seqInRow} 1, 2 and 3; a row without any IMEI yields one entry with an
 * empty IMEI. {@code schedule} and {@code campaignKey} are {@code null} when the row itself is invalid.
 */
public record DeviceEntry(long rowNumber, int seqInRow, String imei, String account, String campaignName,
		String fileName, String fileVersion, Schedule schedule, String campaignKey, Problem problem) {

	public EntryStatus status() {
		return this.problem == null ? EntryStatus.VALID : this.problem.code().status();
	}

	public boolean isValid() {
		return this.problem == null;
	}
}
