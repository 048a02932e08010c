package io.github.campaignbatch.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vendor's JSON views of a campaign. Absent optional fields are written as {@code null}, as a Java
 * service with default serialisation would.
 */
final class CampaignJson {

	private CampaignJson() {
	}

	/** The answer to a schedule call: the campaign model plus {@code fileName} and {@code fileVersion}. */
	static Map<String, Object> scheduled(SimulatedCampaign campaign) {
		return view(campaign, true);
	}

	/** The campaign model of history items and get-campaign answers: no {@code fileName}, no {@code fileVersion}. */
	static Map<String, Object> model(SimulatedCampaign campaign) {
		return view(campaign, false);
	}

	private static Map<String, Object> view(SimulatedCampaign campaign, boolean withFile) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", campaign.id());
		json.put("accountName", campaign.accountName());
		json.put("campaignName", campaign.campaignName());
		json.put("softwareName", campaign.softwareName());
		json.put("softwareFrom", campaign.softwareFrom());
		json.put("softwareTo", campaign.softwareTo());
		if (withFile) {
			json.put("fileName", campaign.fileName());
			json.put("fileVersion", campaign.fileVersion());
		}
		json.put("distributionType", campaign.distributionType());
		json.put("make", campaign.make());
		json.put("model", campaign.model());
		json.put("startDate", campaign.startDate());
		json.put("endDate", campaign.endDate());
		json.put("downloadAfterDate", campaign.downloadAfterDate());
		json.put("downloadTimeWindowList", windows(campaign.downloadTimeWindowList()));
		json.put("installAfterDate", campaign.installAfterDate());
		json.put("installTimeWindowList", windows(campaign.installTimeWindowList()));
		json.put("status", campaign.status());
		return json;
	}

	private static List<Map<String, Object>> windows(List<HourWindow> windows) {
		if (windows == null) {
			return null;
		}
		return windows.stream()
				.map(window -> {
					Map<String, Object> json = new LinkedHashMap<>();
					json.put("startTime", window.startTime());
					json.put("endTime", window.endTime());
					return json;
				})
				.toList();
	}
}
