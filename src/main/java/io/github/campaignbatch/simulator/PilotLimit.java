package io.github.campaignbatch.simulator;

/**
 * ThingSpace's pilot rule for new software, as the simulator enforces it when switched on: a campaign of a file holds
 * at most {@value #MAX_DEVICES} devices until a campaign of that file (a pilot) had at least {@value #MIN_SUCCEEDED}
 * devices succeed at a success rate of 50% or more. The vendor does not publish the error such a campaign gets; the
 * simulator answers HTTP 400 with errorCode {@value #ERROR_CODE} and a message saying the rule (what campaign-batch
 * recognises is documented in docs/operations.md).
 */
final class PilotLimit {

	static final int MAX_DEVICES = 20;

	static final int MIN_SUCCEEDED = 5;

	static final String ERROR_CODE = "PILOT_LIMIT_EXCEEDED";

	private final CampaignStore store;

	private final StatusProgression progression;

	private final DeviceResults results;

	private volatile boolean enforced;

	PilotLimit(CampaignStore store, StatusProgression progression, DeviceResults results) {
		this.store = store;
		this.progression = progression;
		this.results = results;
	}

	void enforce(boolean on) {
		this.enforced = on;
	}

	/** Refuses a campaign above the limit of a file no pilot has proven yet. */
	void check(String account, ScheduleRequest request) {
		int devices = request.deviceList().size();
		if (!this.enforced || devices <= MAX_DEVICES || proven(account, request.fileName(), request.fileVersion())) {
			return;
		}
		throw new ApiException(ApiResponse.error(400, ERROR_CODE, "Pilot limits apply: a campaign of file "
				+ request.fileName() + " version " + request.fileVersion() + " may hold at most " + MAX_DEVICES
				+ " devices until a pilot campaign of it had at least " + MIN_SUCCEEDED + " devices succeed with a success"
				+ " rate of 50% or more; this request has " + devices + " devices"));
	}

	private boolean proven(String account, String fileName, String fileVersion) {
		for (SimulatedCampaign stored : this.store.all()) {
			if (!stored.accountName().equals(account) || !stored.fileName().equals(fileName)
					|| !stored.fileVersion().equals(fileVersion)) {
				continue;
			}
			SimulatedCampaign campaign = this.progression.resolve(stored);
			double progress = this.progression.progress(stored);
			int succeeded = 0;
			int finished = 0;
			for (String device : campaign.deviceList()) {
				String status = this.results.of(campaign, progress, device).status();
				if (CampaignStatus.DEVICE_UPGRADE_SUCCESS.equals(status)) {
					succeeded++;
				}
				if (!CampaignStatus.DEVICE_ACCEPTED.equals(status)) {
					finished++;
				}
			}
			if (succeeded >= MIN_SUCCEEDED && 2 * succeeded >= finished) {
				return true;
			}
		}
		return false;
	}
}
