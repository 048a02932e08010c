package io.github.campaignbatch.simulator;

import java.util.Map;

/**
 * Schedule a file upgrade, read one campaign, cancel one.
 */
final class CampaignEndpoints {

	static final String CAMPAIGN_NOT_FOUND = "NOT_FOUND";

	private final CampaignStore store;
	private final StatusProgression progression;
	private final FileCatalogue catalogue;

	CampaignEndpoints(CampaignStore store, StatusProgression progression, FileCatalogue catalogue) {
		this.store = store;
		this.progression = progression;
		this.catalogue = catalogue;
	}

	/** {@code POST /api/fota/v2/campaigns/files/{acc}}. */
	ApiResponse schedule(SimRequest request) {
		String account = PathParams.account(request, 0);
		ScheduleRequest schedule = ScheduleRequestParser.parse(request.body(), this.progression.today());
		UploadedFile file = this.catalogue.find(schedule.fileName(), schedule.fileVersion())
				.orElseThrow(() -> ApiException.invalidParameter("File " + schedule.fileName() + " version "
						+ schedule.fileVersion() + " is not available for this account"));
		SimulatedCampaign created = this.store.create(account, schedule, file);
		return ApiResponse.ok(CampaignJson.scheduled(this.progression.resolve(created)));
	}

	/** {@code GET /api/fota/v2/campaigns/{acc}/{campaignId}}. */
	ApiResponse get(SimRequest request) {
		String account = PathParams.account(request, 0);
		String id = PathParams.campaignId(request, 1);
		return this.store.find(account, id)
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

	static ApiResponse notFound(String id) {
		return ApiResponse.error(404, CAMPAIGN_NOT_FOUND, "Campaign " + id + " not found");
	}
}
