package io.github.campaignbatch.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaign history by status and device status within a campaign, both paged the vendor's way: a
 * {@code hasMoreData} flag and the last id seen, {@code 0} for the first page.
 */
final class ReportEndpoints {

	/** The vendor's fixed device page size. */
	static final int DEVICE_PAGE_SIZE = 1000;

	private final CampaignStore store;
	private final StatusProgression progression;
	private final int historyPageSize;
	private final DeviceResults results;

	ReportEndpoints(CampaignStore store, StatusProgression progression, int historyPageSize, DeviceResults results) {
		this.store = store;
		this.progression = progression;
		this.historyPageSize = historyPageSize;
		this.results = results;
	}

	/** {@code GET /api/fota/v2/reports/{acc}/campaigns?campaignStatus=S&lastSeenCampaignId=X}. */
	ApiResponse history(SimRequest request) {
		String account = PathParams.account(request, 0);
		String status = request.queryParam("campaignStatus");
		if (status == null || status.isBlank()) {
			throw ApiException.invalidParameter("campaignStatus is required");
		}
		String lastSeen = request.queryParam("lastSeenCampaignId");
		if (lastSeen == null || lastSeen.isBlank()) {
			lastSeen = CampaignStore.FIRST_PAGE;
		}
		else if (!CampaignStore.FIRST_PAGE.equals(lastSeen)) {
			lastSeen = PathParams.uuid(lastSeen);
		}
		CampaignStore.HistoryPage page = this.store.history(account, status, lastSeen, this.historyPageSize);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("hasMoreData", page.hasMoreData());
		body.put("lastSeenCampaignId", page.lastSeenCampaignId());
		body.put("campaignList", page.campaigns().stream().map(CampaignJson::model).toList());
		return ApiResponse.ok(body);
	}

	/** {@code GET /api/fota/v2/reports/{acc}/campaigns/{campaignId}/devices?lastSeenDeviceId=X}. */
	ApiResponse devices(SimRequest request) {
		String account = PathParams.account(request, 0);
		String id = PathParams.campaignId(request, 1);
		SimulatedCampaign stored = this.store.find(account, id).orElse(null);
		if (stored == null) {
			return CampaignEndpoints.notFound(id);
		}
		SimulatedCampaign campaign = this.progression.resolve(stored);
		double progress = this.progression.progress(stored);
		List<String> devices = campaign.deviceList();
		String lastSeen = request.queryParam("lastSeenDeviceId");
		int from = 0;
		if (lastSeen != null && !lastSeen.isBlank() && !CampaignStore.FIRST_PAGE.equals(lastSeen)) {
			int position = devices.indexOf(lastSeen);
			if (position < 0) {
				throw ApiException.invalidParameter("LastSeenDeviceId Not Valid");
			}
			from = position + 1;
		}
		int to = Math.min(devices.size(), from + DEVICE_PAGE_SIZE);
		List<Map<String, Object>> page = new ArrayList<>(to - from);
		for (String device : devices.subList(from, to)) {
			DeviceResults.DeviceResult result = this.results.of(campaign, progress, device);
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("deviceId", device);
			item.put("status", result.status());
			item.put("resultReason", result.reason());
			page.add(item);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("totalDevice", devices.size());
		body.put("hasMoreData", to < devices.size());
		body.put("lastSeenDeviceId", to > from ? devices.get(to - 1) : (lastSeen == null ? CampaignStore.FIRST_PAGE : lastSeen));
		body.put("maxPageSize", DEVICE_PAGE_SIZE);
		body.put("deviceList", page);
		return ApiResponse.ok(body);
	}
}
