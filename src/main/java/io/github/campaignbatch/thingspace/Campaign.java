package io.github.campaignbatch.thingspace;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.github.campaignbatch.campaign.TimeWindow;

/**
 * A campaign as ThingSpace describes it: the answer to the schedule call, a campaign history item, or the
 * answer to get-campaign. History items carry no {@code fileName} or {@code fileVersion}; those fields
 * are then {@code null}.
 *
 * @param id the vendor's campaign id, a UUID string
 * @param status open-ended; see {@link ThingSpaceClient#KNOWN_CAMPAIGN_STATUSES} for the values seen so far
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Campaign(
		String id,
		String accountName,
		String campaignName,
		String softwareName,
		String softwareFrom,
		String softwareTo,
		String fileName,
		String fileVersion,
		String distributionType,
		String make,
		String model,
		LocalDate startDate,
		LocalDate endDate,
		LocalDate downloadAfterDate,
		List<TimeWindow> downloadTimeWindowList,
		LocalDate installAfterDate,
		List<TimeWindow> installTimeWindowList,
		String status) {
}
