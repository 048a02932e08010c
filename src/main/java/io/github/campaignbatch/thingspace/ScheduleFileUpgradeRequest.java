package io.github.campaignbatch.thingspace;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.github.campaignbatch.campaign.TimeWindow;

/**
 * Body of {@code POST /api/fota/v2/campaigns/files/{acc}}, serialized field for field as the vendor's page
 * shows it: the same names, dates as {@code YYYY-MM-DD}, windows as integer hours, devices as IMEI
 * strings. Optional fields left {@code null} are omitted rather than sent as {@code null}.
 *
 * @param campaignName optional; the only handle to find the campaign again in the history, so the job
 * always sets one
 * @param distributionType {@code OMA} or {@code HTTP}
 * @param downloadAfterDate optional; {@code null} lets devices download as soon as possible
 * @param downloadTimeWindowList optional
 * @param installAfterDate optional; {@code null} lets devices install as soon as possible
 * @param installTimeWindowList optional
 * @param deviceList IMEIs, 15 digits each
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "campaignName", "fileName", "fileVersion", "distributionType", "startDate", "endDate",
		"downloadAfterDate", "downloadTimeWindowList", "installAfterDate", "installTimeWindowList", "deviceList" })
public record ScheduleFileUpgradeRequest(
		String campaignName,
		String fileName,
		String fileVersion,
		String distributionType,
		LocalDate startDate,
		LocalDate endDate,
		LocalDate downloadAfterDate,
		List<TimeWindow> downloadTimeWindowList,
		LocalDate installAfterDate,
		List<TimeWindow> installTimeWindowList,
		List<String> deviceList) {

	public ScheduleFileUpgradeRequest {
		downloadTimeWindowList = downloadTimeWindowList == null ? null : List.copyOf(downloadTimeWindowList);
		installTimeWindowList = installTimeWindowList == null ? null : List.copyOf(installTimeWindowList);
		deviceList = deviceList == null ? null : List.copyOf(deviceList);
	}
}
