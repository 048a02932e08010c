package io.github.campaignbatch.thingspace;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.github.campaignbatch.campaign.TimeWindow;

/**
 * Body of {@code PUT /api/fota/v2/campaigns/{acc}/{campaignId}/dates}. The vendor takes it as the campaign's whole
 * schedule: a field left out is cleared, so it is always built from the campaign's current values with the changes
 * laid over them. A date that is {@code null} and a window list that is empty are left out (none).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "startDate", "endDate", "downloadAfterDate", "downloadTimeWindowList", "installAfterDate",
		"installTimeWindowList" })
public record CampaignDates(
		LocalDate startDate,
		LocalDate endDate,
		LocalDate downloadAfterDate,
		List<TimeWindow> downloadTimeWindowList,
		LocalDate installAfterDate,
		List<TimeWindow> installTimeWindowList) {

	public CampaignDates {
		downloadTimeWindowList = downloadTimeWindowList == null ? List.of() : List.copyOf(downloadTimeWindowList);
		installTimeWindowList = installTimeWindowList == null ? List.of() : List.copyOf(installTimeWindowList);
	}

	/** The schedule of a campaign as the vendor describes it; windows it answered unreadably are left out. */
	public static CampaignDates of(Campaign campaign) {
		return new CampaignDates(campaign.startDate(), campaign.endDate(), campaign.downloadAfterDate(),
				readable(campaign.downloadTimeWindowList()), campaign.installAfterDate(),
				readable(campaign.installTimeWindowList()));
	}

	private static List<TimeWindow> readable(List<TimeWindow> windows) {
		return windows == null ? List.of() : windows.stream().filter(java.util.Objects::nonNull).toList();
	}
}
