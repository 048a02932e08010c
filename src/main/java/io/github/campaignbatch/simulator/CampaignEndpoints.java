package io.github.campaignbatch.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Schedule a file upgrade, read one campaign, change its dates or devices, cancel it.
 */
final class CampaignEndpoints {

	static final String CAMPAIGN_NOT_FOUND = "NOT_FOUND";

	private final CampaignStore store;
	private final StatusProgression progression;
	private final FileCatalogue catalogue;
	private final PilotLimit pilotLimit;

	CampaignEndpoints(CampaignStore store, StatusProgression progression, FileCatalogue catalogue, PilotLimit pilotLimit) {
		this.store = store;
		this.progression = progression;
		this.catalogue = catalogue;
		this.pilotLimit = pilotLimit;
	}

	/** {@code POST /api/fota/v2/campaigns/files/{acc}}. */
	ApiResponse schedule(SimRequest request) {
		String account = PathParams.account(request, 0);
		ScheduleRequest schedule = ScheduleRequestParser.parse(request.body(), this.progression.today());
		UploadedFile file = this.catalogue.find(schedule.fileName(), schedule.fileVersion())
				.orElseThrow(() -> ApiException.invalidParameter("File " + schedule.fileName() + " version "
						+ schedule.fileVersion() + " is not available for this account"));
		this.pilotLimit.check(account, schedule);
		SimulatedCampaign created = this.store.create(account, schedule, file);
		return ApiResponse.ok(CampaignJson.scheduled(this.progression.resolve(created)));
	}

	/** {@code GET /api/fota/v2/campaigns/{acc}/{campaignId}}. */
	ApiResponse get(SimRequest request) {
		String account = PathParams.account(request, 0);
		String id = PathParams.campaignId(request, 1);
		return this.store.find(account, id)
				.filter(this.store::visible)
				.map(campaign -> ApiResponse.ok(CampaignJson.model(this.progression.resolve(campaign))))
				.orElseGet(() -> notFound(id));
	}

	/** {@code DELETE /api/fota/v2/campaigns/{acc}/{campaignId}}: cancels before start, aborts after. */
	ApiResponse cancel(SimRequest request) {
		String account = PathParams.account(request, 0);
		String id = PathParams.campaignId(request, 1);
		return this.store.cancel(account, id)
				.map(cancelled -> ApiResponse.ok(Map.of("success", true)))
				.orElseGet(() -> notFound(id));
	}

	/**
	 * {@code PUT /api/fota/v2/campaigns/{acc}/{campaignId}/dates}: the whole schedule, within the vendor's rules
	 * ({@link CampaignStore#changeDates}); answers the campaign as changed.
	 */
	ApiResponse changeDates(SimRequest request) {
		String account = PathParams.account(request, 0);
		String id = PathParams.campaignId(request, 1);
		ChangeRequestParser.DatesRequest dates = ChangeRequestParser.dates(request.body());
		return this.store.changeDates(account, id, dates)
				.map(changed -> ApiResponse.ok(CampaignJson.model(this.progression.resolve(changed))))
				.orElseGet(() -> notFound(id));
	}

	/**
	 * {@code PUT /api/fota/v2/campaigns/{acc}/{campaignId}}: append and remove devices while the campaign is pending
	 * ({@link CampaignStore#changeDevices}); answers {@code {accountName, campaignId, requestId}}.
	 */
	ApiResponse changeDevices(SimRequest request) {
		String account = PathParams.account(request, 0);
		String id = PathParams.campaignId(request, 1);
		ChangeRequestParser.DevicesRequest devices = ChangeRequestParser.devices(request.body());
		return this.store.changeDevices(account, id, devices)
				.map(changed -> {
					Map<String, Object> answer = new LinkedHashMap<>();
					answer.put("accountName", account);
					answer.put("campaignId", id);
					answer.put("requestId", UUID.randomUUID().toString());
					return ApiResponse.ok(answer);
				})
				.orElseGet(() -> notFound(id));
	}

	static ApiResponse notFound(String id) {
		return ApiResponse.error(404, CAMPAIGN_NOT_FOUND, "Campaign " + id + " not found");
	}
}
