package io.github.campaignbatch.tracking;

import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.thingspace.AuthenticationFailedException;
import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.DeviceStatus;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads where the scheduled campaigns of a job instance stand: each campaign's status, then its devices' statuses
 * (every page, {@code lastSeenDeviceId}), stored per device. The status is read before the devices, so a campaign
 * seen final has final device statuses: it is then marked finished and never polled again.
 */
public class CampaignTracker {

	private static final Logger log = LoggerFactory.getLogger(CampaignTracker.class);

	/** What one {@code track} of a job instance did. */
	public record Outcome(int polled, int finishedBefore, int devicesWritten, List<String> unreadable) {

		public boolean apiUnreadable() {
			return !this.unreadable.isEmpty();
		}
	}

	private final TrackingStore store;

	private final ThingSpaceClient client;

	public CampaignTracker(TrackingStore store, ThingSpaceClient client) {
		this.store = store;
		this.client = client;
	}

	/**
	 * Polls every scheduled campaign of the job instance that is not finished.
	 *
	 * @throws AuthenticationFailedException the credentials were refused: nothing else can be read either
	 */
	public Outcome track(long jobInstanceId) {
		long started = System.nanoTime();
		int polled = 0;
		int finishedBefore = 0;
		int written = 0;
		List<String> unreadable = new ArrayList<>();
		for (TrackedCampaign campaign : this.store.scheduled(jobInstanceId)) {
			if (campaign.finished()) {
				finishedBefore++;
				continue;
			}
			try {
				written += poll(campaign);
				polled++;
			}
			catch (AuthenticationFailedException ex) {
				throw ex;
			}
			catch (ThingSpaceException | IllegalArgumentException ex) {
				unreadable.add("campaign '" + campaign.name() + "' (" + campaign.remoteId() + "): " + ex.getMessage());
				log.warn("Cannot read campaign '{}' ({}): {}", campaign.name(), campaign.remoteId(), ex.getMessage());
			}
		}
		// the time of the reads and writes alone, apart from the command's start and the report (make bench reads it)
		log.info("Job instance {}: {} campaign(s) read, {} device status row(s) written in {} ms", jobInstanceId, polled,
				written, (System.nanoTime() - started) / 1_000_000);
		return new Outcome(polled, finishedBefore, written, unreadable);
	}

	/** One poll of one campaign; returns the device rows written. */
	int poll(TrackedCampaign campaign) {
		Campaign remote = this.client.getCampaign(campaign.account(), campaign.remoteId());
		String status = remote.status();
		boolean finalBeforeDevices = VendorStatuses.isFinalCampaign(status);
		List<DeviceStatus> devices = this.client.deviceStatuses(campaign.account(), campaign.remoteId());
		int written = this.store.savePoll(campaign, status, devices, finalBeforeDevices);
		log.info("Campaign '{}' ({}): {}, {} devices read, {} changed{}", campaign.name(), campaign.remoteId(), status,
				devices.size(), written, finalBeforeDevices ? "; final, no longer polled" : "");
		return written;
	}
}
