package io.github.campaignbatch.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files an account has uploaded: the same list for every account.
 */
final class FileEndpoints {

	/** The vendor returns at most this many files. */
	static final int MAX_FILES = 100;

	private final FileCatalogue catalogue;

	FileEndpoints(FileCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	/** {@code GET /api/fota/v2/files/{acc}?distributionType=HTTP}; without the parameter, every file. */
	ApiResponse list(SimRequest request) {
		PathParams.account(request, 0);
		String distributionType = request.queryParam("distributionType");
		if (distributionType != null && !ScheduleRequestParser.DISTRIBUTION_TYPES.contains(distributionType)) {
			throw ApiException.invalidParameter("Invalid distributionType " + distributionType + ": use OMA or HTTP");
		}
		List<Map<String, Object>> files = this.catalogue.all().stream()
				.filter(file -> distributionType == null || file.distributionType().equals(distributionType))
				.limit(MAX_FILES)
				.map(FileEndpoints::json)
				.toList();
		return ApiResponse.ok(Map.of("AvailableFilesResponse", files));
	}

	private static Map<String, Object> json(UploadedFile file) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("fileName", file.fileName());
		json.put("fileVersion", file.fileVersion());
		json.put("releaseNote", file.releaseNote());
		json.put("make", file.make());
		json.put("model", file.model());
		json.put("localTargetPath", file.localTargetPath());
		json.put("distributionType", file.distributionType());
		json.put("devicePlatformId", file.devicePlatformId());
		return json;
	}
}
