package io.github.campaignbatch.simulator;

import java.time.LocalDate;
import java.util.List;

/**
 * A validated body of {@code POST /api/fota/v2/campaigns/files/{acc}}. Optional fields are {@code null}
 * when the client left them out.
 */
record ScheduleRequest(
		String campaignName,
		String fileName,
		String fileVersion,
		String distributionType,
		LocalDate startDate,
		LocalDate endDate,
		LocalDate downloadAfterDate,
		List<HourWindow> downloadTimeWindowList,
		LocalDate installAfterDate,
		List<HourWindow> installTimeWindowList,
		List<String> deviceList) {
}
