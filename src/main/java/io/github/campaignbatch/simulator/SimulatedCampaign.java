package io.github.campaignbatch.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A campaign the simulator created: the request's fields, what the simulator filled in from the file, and
 * bookkeeping. Snapshots returned by {@link SimulatorServer#campaigns()} carry the status as of the snapshot;
 * records read back from a state file by {@link StateFile#read} carry the last status that was written
 * (creation or cancellation), because the Pending → Scheduled → Ended progression is computed lazily.
 *
 * @param sequence creation order across the whole simulator, starting at 1; history pages follow it
 * @param campaignName as sent, possibly {@code null}
 * @param softwareFrom never known for a file upgrade, so always {@code null}
 * @param statusChangedAt when a cancellation or abort was written; {@code null} while the status is the
 *        creation status (older state files have none)
 */
public record SimulatedCampaign(
		String id,
		String accountName,
		long sequence,
		Instant createdAt,
		String campaignName,
		String fileName,
		String fileVersion,
		String distributionType,
		String softwareName,
		String softwareFrom,
		String softwareTo,
		String make,
		String model,
		String startDate,
		String endDate,
		String downloadAfterDate,
		List<HourWindow> downloadTimeWindowList,
		String installAfterDate,
		List<HourWindow> installTimeWindowList,
		List<String> deviceList,
		String status,
		Instant statusChangedAt) {

	public SimulatedCampaign {
		downloadTimeWindowList = downloadTimeWindowList == null ? null : List.copyOf(downloadTimeWindowList);
		installTimeWindowList = installTimeWindowList == null ? null : List.copyOf(installTimeWindowList);
		deviceList = deviceList == null ? List.of() : List.copyOf(deviceList);
	}

	/** The same campaign with another status, as computed at a read; the stored change time stays. */
	public SimulatedCampaign withStatus(String newStatus) {
		return withStatus(newStatus, this.statusChangedAt);
	}

	/** The same campaign with another schedule ({@code PUT .../dates}); dates are {@code YYYY-MM-DD} text. */
	public SimulatedCampaign withSchedule(String newStartDate, String newEndDate, String newDownloadAfterDate,
			List<HourWindow> newDownloadWindows, String newInstallAfterDate, List<HourWindow> newInstallWindows) {
		return new SimulatedCampaign(this.id, this.accountName, this.sequence, this.createdAt, this.campaignName,
				this.fileName, this.fileVersion, this.distributionType, this.softwareName, this.softwareFrom,
				this.softwareTo, this.make, this.model, newStartDate, newEndDate, newDownloadAfterDate,
				newDownloadWindows, newInstallAfterDate, newInstallWindows, this.deviceList, this.status,
				this.statusChangedAt);
	}

	/** The same campaign holding other devices ({@code PUT .../{campaignId}}). */
	public SimulatedCampaign withDevices(List<String> devices) {
		return new SimulatedCampaign(this.id, this.accountName, this.sequence, this.createdAt, this.campaignName,
				this.fileName, this.fileVersion, this.distributionType, this.softwareName, this.softwareFrom,
				this.softwareTo, this.make, this.model, this.startDate, this.endDate, this.downloadAfterDate,
				this.downloadTimeWindowList, this.installAfterDate, this.installTimeWindowList, devices, this.status,
				this.statusChangedAt);
	}

	/** The same campaign with a status written at {@code changedAt}. */
	public SimulatedCampaign withStatus(String newStatus, Instant changedAt) {
		return new SimulatedCampaign(this.id, this.accountName, this.sequence, this.createdAt, this.campaignName,
				this.fileName, this.fileVersion, this.distributionType, this.softwareName, this.softwareFrom,
				this.softwareTo, this.make, this.model, this.startDate, this.endDate, this.downloadAfterDate,
				this.downloadTimeWindowList, this.installAfterDate, this.installTimeWindowList, this.deviceList,
				newStatus, changedAt);
	}
}
