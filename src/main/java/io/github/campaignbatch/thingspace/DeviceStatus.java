package io.github.campaignbatch.thingspace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where one device stands in a campaign.
 *
 * @param deviceId the IMEI
 * @param status open-ended; seen: {@code Accepted}, {@code DeviceRejected}, {@code UpgradeFailed},
 * {@code UpgradeSuccess}, {@code CampaignCancelled}, {@code CampaignAborted}
 * @param resultReason the vendor's explanation, verbatim
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceStatus(String deviceId, String status, String resultReason) {
}
