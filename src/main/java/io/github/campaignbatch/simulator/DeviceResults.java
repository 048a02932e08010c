package io.github.campaignbatch.simulator;

import java.util.SplittableRandom;

/**
 * What becomes of each device of a campaign: its result ({@code UpgradeSuccess}, {@code UpgradeFailed},
 * {@code DeviceRejected}) and the share of the campaign's run after which it has it. Both are drawn from the
 * seed, the campaign id and the IMEI, so every poll (and a restarted simulator) reads the same story.
 */
final class DeviceResults {

	/** A device as the device-status report lists it. */
	record DeviceResult(String status, String reason) {
	}

	static final DeviceResult ACCEPTED = new DeviceResult(CampaignStatus.DEVICE_ACCEPTED,
			"Device passed all checks and is on the schedule list");
	static final DeviceResult SUCCESS = new DeviceResult(CampaignStatus.DEVICE_UPGRADE_SUCCESS,
			"Download and install succeeded");
	static final DeviceResult FAILED = new DeviceResult(CampaignStatus.DEVICE_UPGRADE_FAILED,
			"Download failed: device did not respond within the download window");
	static final DeviceResult REJECTED = new DeviceResult(CampaignStatus.DEVICE_REJECTED,
			"Device is not FOTA capable or already in another upgrade");
	static final DeviceResult CANCELLED = new DeviceResult(CampaignStatus.CANCELLED, "Campaign cancelled by user");
	static final DeviceResult ABORTED = new DeviceResult(CampaignStatus.ABORTED, "Campaign aborted by user");

	private final long seed;
	private final SimulatorOptions.Lifecycle lifecycle;

	DeviceResults(long seed, SimulatorOptions.Lifecycle lifecycle) {
		this.seed = seed;
		this.lifecycle = lifecycle;
	}

	/**
	 * @param status the campaign's status now
	 * @param progress how far the campaign has gone ({@link StatusProgression#progress})
	 */
	DeviceResult of(String campaignId, String status, double progress, String deviceId) {
		SplittableRandom random = new SplittableRandom(this.seed ^ mix(campaignId) ^ (31L * mix(deviceId)));
		double finishesAt = random.nextDouble();
		double outcome = random.nextDouble();
		if (finishesAt < progress || (progress >= 1.0)) {
			if (outcome < this.lifecycle.deviceRejectedRate()) {
				return REJECTED;
			}
			if (outcome < this.lifecycle.deviceRejectedRate() + this.lifecycle.upgradeFailedRate()) {
				return FAILED;
			}
			return SUCCESS;
		}
		return switch (status) {
			case CampaignStatus.CANCELLED -> CANCELLED;
			case CampaignStatus.ABORTED -> ABORTED;
			default -> ACCEPTED;
		};
	}

	private static long mix(String text) {
		long hash = 1125899906842597L;
		for (int i = 0; i < text.length(); i++) {
			hash = 31 * hash + text.charAt(i);
		}
		return hash;
	}
}
