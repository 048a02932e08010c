package io.github.campaignbatch.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * Reads the bodies of the two calls that change a campaign, the vendor's way: a 400 {@code INVALID_PARAMETER} on
 * the first problem. The rules that depend on the campaign (its status, whether it started) are the store's.
 */
final class ChangeRequestParser {

	/** {@code PUT .../{campaignId}/dates}: the campaign's whole schedule; a field left out is cleared. */
	record DatesRequest(LocalDate startDate, LocalDate endDate, LocalDate downloadAfterDate,
			List<HourWindow> downloadTimeWindowList, LocalDate installAfterDate, List<HourWindow> installTimeWindowList) {
	}

	/** {@code PUT .../{campaignId}}: devices to append and to remove. */
	record DevicesRequest(List<String> append, List<String> remove) {
	}

	private ChangeRequestParser() {
	}

	static DatesRequest dates(byte[] body) {
		JsonNode root = Json.readObject(body);
		LocalDate startDate = ScheduleRequestParser.date(root, "startDate", ScheduleRequestParser.INVALID_START_DATE);
		if (startDate == null) {
			throw ApiException.invalidParameter(ScheduleRequestParser.INVALID_START_DATE);
		}
		LocalDate endDate = ScheduleRequestParser.date(root, "endDate", ScheduleRequestParser.INVALID_END_DATE);
		if (endDate == null) {
			throw ApiException.invalidParameter(ScheduleRequestParser.INVALID_END_DATE);
		}
		if (endDate.isBefore(startDate)) {
			throw ApiException.invalidParameter(ScheduleRequestParser.END_BEFORE_START);
		}
		return new DatesRequest(startDate, endDate,
				ScheduleRequestParser.date(root, "downloadAfterDate", "invalid download after date"),
				ScheduleRequestParser.timeWindows(root, "downloadTimeWindowList"),
				ScheduleRequestParser.date(root, "installAfterDate", "invalid install after date"),
				ScheduleRequestParser.timeWindows(root, "installTimeWindowList"));
	}

	/**
	 * The page's example, {@code {"addOrRemoveDevice": [{"type": "append"|"remove", "deviceList": [...]}]}}; its
	 * table spells the key {@code Type}, so either casing is read.
	 */
	static DevicesRequest devices(byte[] body) {
		JsonNode root = Json.readObject(body);
		JsonNode entries = root.get("addOrRemoveDevice");
		if (entries == null || !entries.isArray() || entries.isEmpty()) {
			throw ApiException.invalidParameter("addOrRemoveDevice is required");
		}
		List<String> append = new ArrayList<>();
		List<String> remove = new ArrayList<>();
		for (JsonNode entry : entries) {
			if (!entry.isObject()) {
				throw ApiException.invalidParameter(Json.INPUT_BINDING_ERROR);
			}
			JsonNode type = entry.has("type") ? entry.get("type") : entry.get("Type");
			String kind = type == null || !type.isString() ? "" : type.stringValue().toLowerCase(Locale.ROOT);
			List<String> devices = ScheduleRequestParser.deviceList(entry.get("deviceList"));
			switch (kind) {
				case "append" -> append.addAll(devices);
				case "remove" -> remove.addAll(devices);
				default -> throw ApiException.invalidParameter("Invalid type " + (type == null ? "null" : type.asString())
						+ ": use append or remove");
			}
		}
		return new DevicesRequest(append, remove);
	}
}
