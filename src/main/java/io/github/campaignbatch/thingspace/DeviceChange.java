package io.github.campaignbatch.thingspace;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Body of {@code PUT /api/fota/v2/campaigns/{acc}/{campaignId}}, as the vendor page's example writes it:
 * {@code {"addOrRemoveDevice": [{"type": "append", "deviceList": [...]}, {"type": "remove", ...}]}}.
 */
record DeviceChange(List<Entry> addOrRemoveDevice) {

	/** One list of devices to append or to remove. */
	record Entry(String type, List<String> deviceList) {
	}

	static DeviceChange of(List<String> append, List<String> remove) {
		List<Entry> entries = new ArrayList<>();
		if (!append.isEmpty()) {
			entries.add(new Entry("append", List.copyOf(append)));
		}
		if (!remove.isEmpty()) {
			entries.add(new Entry("remove", List.copyOf(remove)));
		}
		return new DeviceChange(entries);
	}

	/** The vendor's answer: which request it queued. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Answer(String accountName, String campaignId, String requestId) {
	}
}
