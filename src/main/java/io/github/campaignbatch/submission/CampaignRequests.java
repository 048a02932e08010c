package io.github.campaignbatch.submission;

import java.util.List;

import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.ScheduleFileUpgradeRequest;

/**
 * Builds the vendor's schedule request from a ledger row, and tells whether a campaign in the vendor's history
 * is the one a ledger row describes.
 */
final class CampaignRequests {

	private CampaignRequests() {
	}

	static ScheduleFileUpgradeRequest of(LedgerCampaign campaign, List<String> deviceList) {
		return new ScheduleFileUpgradeRequest(campaign.name(), campaign.fileName(), campaign.fileVersion(),
				campaign.distributionType(), campaign.startDate(), campaign.endDate(), campaign.downloadAfterDate(),
				windows(campaign.downloadWindows()), campaign.installAfterDate(), windows(campaign.installWindows()),
				deviceList);
	}

	/**
	 * Whether a history entry is a candidate for this ledger row: the history has no file name or version, so a match
	 * is by name, dates and distribution type (and time windows when the history shows them). Names are reused, so a
	 * candidate is not ours until {@link HistoryCandidates} has proved it.
	 */
	static boolean matches(LedgerCampaign campaign, Campaign remote) {
		return campaign.name().equals(remote.campaignName())
				&& campaign.startDate().equals(remote.startDate())
				&& campaign.endDate().equals(remote.endDate())
				&& (remote.distributionType() == null || campaign.distributionType().equalsIgnoreCase(remote.distributionType()))
				&& sameWindows(campaign.downloadWindows(), remote.downloadTimeWindowList())
				&& sameWindows(campaign.installWindows(), remote.installTimeWindowList());
	}

	private static boolean sameWindows(String stored, List<TimeWindow> remote) {
		if (remote == null || remote.isEmpty()) {
			// The history may omit windows; absence is not a contradiction.
			return true;
		}
		List<TimeWindow> ours = windows(stored);
		return ours == null ? false : ours.equals(remote);
	}

	private static List<TimeWindow> windows(String stored) {
		if (stored == null || stored.isEmpty()) {
			return null;
		}
		return TimeWindow.parseStored(stored);
	}
}
