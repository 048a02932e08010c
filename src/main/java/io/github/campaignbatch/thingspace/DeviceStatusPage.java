package io.github.campaignbatch.thingspace;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One page (at most 1,000 devices) of {@code GET /api/fota/v2/reports/{acc}/campaigns/{id}/devices}: pass
 * {@code lastSeenDeviceId} back to get the next page while {@code hasMoreData} is true.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceStatusPage(
		Integer totalDevice,
		boolean hasMoreData,
		String lastSeenDeviceId,
		Integer maxPageSize,
		List<DeviceStatus> deviceList) {
}
