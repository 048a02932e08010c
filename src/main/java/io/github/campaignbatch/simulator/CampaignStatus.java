package io.github.campaignbatch.simulator;

import java.util.Set;

/**
 * The vendor's campaign status strings the simulator produces, and the device result strings its reports use.
 */
final class CampaignStatus {

	static final String REQUEST_PENDING = "CampaignRequestPending";
	static final String REQUEST_QUEUED = "CampaignRequestQueued";
	static final String SCHEDULED = "CampaignScheduled";
	static final String CANCELLED = "CampaignCancelled";
	static final String ABORTED = "CampaignAborted";
	static final String ENDED = "CampaignEnded";

	/** Statuses that still hold their devices: a device in such a campaign cannot join another one. */
	static final Set<String> ACTIVE = Set.of(REQUEST_PENDING, REQUEST_QUEUED, SCHEDULED);

	static final String DEVICE_ACCEPTED = "Accepted";
	static final String DEVICE_UPGRADE_SUCCESS = "UpgradeSuccess";
	static final String DEVICE_UPGRADE_FAILED = "UpgradeFailed";
	static final String DEVICE_REJECTED = "DeviceRejected";

	private CampaignStatus() {
	}
}
