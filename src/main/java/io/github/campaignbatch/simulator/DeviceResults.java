package io.github.campaignbatch.simulator;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What becomes of each device of a campaign: its result ({@code UpgradeSuccess}, {@code UpgradeFailed},
 * {@code DeviceRejected}) and the share of the campaign's run after which it has it. Both are drawn from the
 * seed, the campaign id and the IMEI, so every poll (and a restarted simulator) reads the same story. The devices
 * of a {@link BadFile}'s campaigns fail at that file's rate instead.
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

	static final DeviceResult BAD_FILE = new DeviceResult(CampaignStatus.DEVICE_UPGRADE_FAILED,
			"Install failed: the device did not come back after installing the file");

	private final long seed;
	private final SimulatorOptions.Lifecycle lifecycle;
	private final List<BadFile> badFiles = new CopyOnWriteArrayList<>();

	DeviceResults(long seed, SimulatorOptions.Lifecycle lifecycle) {
		this.seed = seed;
		this.lifecycle = lifecycle;
	}

	/** From now on, the devices of this file's campaigns fail at its rate instead of the lifecycle's. */
	void addBadFile(BadFile file) {
		this.badFiles.add(file);
	}

	/**
	 * @param campaign the campaign, its status now
	 * @param progress how far the campaign has gone ({@link StatusProgression#progress})
	 */
	DeviceResult of(SimulatedCampaign campaign, double progress, String deviceId) {
		String status = campaign.status();
		SplittableRandom random = new SplittableRandom(this.seed ^ mix(campaign.id()) ^ (31L * mix(deviceId)));
		double finishesAt = random.nextDouble();
		double outcome = random.nextDouble();
		if (finishesAt < progress || (progress >= 1.0)) {
			BadFile bad = this.badFiles.stream().filter(file -> file.isOf(campaign)).findFirst().orElse(null);
			if (bad != null) {
				return outcome < bad.failureRate() ? BAD_FILE : SUCCESS;
			}
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
