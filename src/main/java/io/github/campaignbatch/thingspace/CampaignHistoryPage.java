package io.github.campaignbatch.thingspace;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One page of {@code GET /api/fota/v2/reports/{acc}/campaigns}: pass {@code lastSeenCampaignId} back to get
 * the next page while {@code hasMoreData} is true.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CampaignHistoryPage(boolean hasMoreData, String lastSeenCampaignId, List<Campaign> campaignList) {
}
