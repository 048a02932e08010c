package io.github.campaignbatch.tracking;

import java.util.Set;

/**
 * What the vendor's open-ended status strings mean to us.
 */
public final class VendorStatuses {

	/** Campaign statuses after which nothing changes any more: such a campaign is no longer polled. */
	public static final Set<String> FINAL_CAMPAIGN_STATUSES = Set.of("CampaignEnded", "CampaignCancelled",
			"CampaignAborted", "CampaignFailed", "CampaignRequestFailed");

	public static final String UPGRADE_SUCCESS = "UpgradeSuccess";

	/** Device results that mean the device was not upgraded (exit code 3 for {@code track}). */
	public static final Set<String> FAILED_DEVICE_STATUSES = Set.of("UpgradeFailed", "DeviceRejected");

	/** Device results after which the device's status does not change. */
	public static final Set<String> FINAL_DEVICE_STATUSES = Set.of(UPGRADE_SUCCESS, "UpgradeFailed", "DeviceRejected",
			"CampaignCancelled", "CampaignAborted");

	private VendorStatuses() {
	}

	public static boolean isFinalCampaign(String status) {
		return status != null && FINAL_CAMPAIGN_STATUSES.contains(status);
	}

	public static boolean isFailedDevice(String status) {
		return status != null && FAILED_DEVICE_STATUSES.contains(status);
	}
}
