package io.github.campaignbatch.staging;

import java.time.LocalDate;

/**
 * One campaign part as grouping plans it, ready for the ledger. {@code name} is the campaign's name before a
 * part suffix; {@code imeis} its devices in input order, separated by commas; {@code wave} its place in a rollout,
 * {@code null} outside one.
 */
public record PlannedCampaign(String campaignKey, int partNo, int partCount, String name, String account,
		String fileName, String fileVersion, String distributionType, LocalDate startDate, LocalDate endDate,
		LocalDate downloadAfterDate, LocalDate installAfterDate, String downloadWindows, String installWindows,
		String scheduleSignature, long firstRowNo, int deviceCount, String imeis, Wave wave) {

	/** Part {@code partNo} of {@code partCount} of wave {@code waveNo} of {@code waveCount}. */
	public record Wave(int waveNo, int waveCount, int partNo, int partCount) {
	}
}
