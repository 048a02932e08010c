package io.github.campaignbatch.simulator;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Validates a schedule request the way the vendor does, field by field, failing on the first problem with
 * a 400 {@code INVALID_PARAMETER} and a message. Checks that need the store (the file exists, the devices
 * are free) happen later.
 */
final class ScheduleRequestParser {

	static final String DEVICE_LIST_EMPTY = "Device list is empty";
	static final String INVALID_DEVICE_ID = "Invalid device id format";
	static final String INVALID_START_DATE = "invalid start date";
	static final String INVALID_END_DATE = "invalid end date";
	static final String END_BEFORE_START = "end date is before start date";
	static final String INVALID_TIME_WINDOW = "Invalid time window: startTime must be 0-23 and endTime 1-24";

	static final Set<String> DISTRIBUTION_TYPES = Set.of("OMA", "HTTP");

	private static final Pattern IMEI = Pattern.compile("\\d{15}");
	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private ScheduleRequestParser() {
	}

	/** @param today the vendor's today (UTC): a start date before it is refused */
	static ScheduleRequest parse(byte[] body, LocalDate today) {
		JsonNode root = Json.readObject(body);
		String campaignName = optionalText(root, "campaignName");
		String fileName = requiredText(root, "fileName");
		String fileVersion = requiredText(root, "fileVersion");
		String distributionType = requiredText(root, "distributionType");
		if (!DISTRIBUTION_TYPES.contains(distributionType)) {
			throw ApiException.invalidParameter("Invalid distributionType " + distributionType + ": use OMA or HTTP");
		}
		LocalDate startDate = date(root, "startDate", INVALID_START_DATE);
		if (startDate == null || startDate.isBefore(today)) {
			throw ApiException.invalidParameter(INVALID_START_DATE);
		}
		LocalDate endDate = date(root, "endDate", INVALID_END_DATE);
		if (endDate == null) {
			throw ApiException.invalidParameter(INVALID_END_DATE);
		}
		if (endDate.isBefore(startDate)) {
			throw ApiException.invalidParameter(END_BEFORE_START);
		}
		LocalDate downloadAfterDate = date(root, "downloadAfterDate", "invalid download after date");
		List<HourWindow> downloadWindows = timeWindows(root, "downloadTimeWindowList");
		LocalDate installAfterDate = date(root, "installAfterDate", "invalid install after date");
		List<HourWindow> installWindows = timeWindows(root, "installTimeWindowList");
		List<String> devices = deviceList(root.get("deviceList"));
		return new ScheduleRequest(campaignName, fileName, fileVersion, distributionType, startDate, endDate,
				downloadAfterDate, downloadWindows, installAfterDate, installWindows, devices);
	}

	private static String requiredText(JsonNode root, String field) {
		String value = optionalText(root, field);
		if (value == null || value.isBlank()) {
			throw ApiException.invalidParameter(field + " is required");
		}
		return value;
	}

	/** A scalar read as text, as a Java service binding into a String field would; containers cannot bind. */
	private static String optionalText(JsonNode root, String field) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isContainer()) {
			throw ApiException.invalidParameter(Json.INPUT_BINDING_ERROR);
		}
		return node.asString();
	}

	/** Strictly {@code YYYY-MM-DD}; {@code null} when absent; {@code invalidMessage} when anything else. */
	static LocalDate date(JsonNode root, String field, String invalidMessage) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString() || !ISO_DATE.matcher(node.stringValue()).matches()) {
			throw ApiException.invalidParameter(invalidMessage);
		}
		try {
			return LocalDate.parse(node.stringValue());
		}
		catch (DateTimeParseException noSuchDay) {
			throw ApiException.invalidParameter(invalidMessage);
		}
	}

	static List<HourWindow> timeWindows(JsonNode root, String field) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isArray()) {
			throw ApiException.invalidParameter(Json.INPUT_BINDING_ERROR);
		}
		List<HourWindow> windows = new ArrayList<>(node.size());
		for (JsonNode item : node) {
			if (!item.isObject()) {
				throw ApiException.invalidParameter(Json.INPUT_BINDING_ERROR);
			}
			HourWindow window = new HourWindow(hour(item.get("startTime")), hour(item.get("endTime")));
			if (!window.inRange()) {
				throw ApiException.invalidParameter(INVALID_TIME_WINDOW);
			}
			windows.add(window);
		}
		return windows;
	}

	/** An integral hour, or -1 (out of every range) when missing or not an integer. */
	private static int hour(JsonNode node) {
		return node != null && node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : -1;
	}

	/** A non-empty array of 15-digit IMEIs, as strings or numbers. */
	static List<String> deviceList(JsonNode node) {
		if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
			throw ApiException.invalidParameter(DEVICE_LIST_EMPTY);
		}
		if (!node.isArray()) {
			throw ApiException.invalidParameter(Json.INPUT_BINDING_ERROR);
		}
		List<String> devices = new ArrayList<>(node.size());
		for (JsonNode item : node) {
			String imei = item.isString() || item.isIntegralNumber() ? item.asString() : null;
			if (imei == null || !IMEI.matcher(imei).matches()) {
				throw ApiException.invalidParameter(INVALID_DEVICE_ID);
			}
			devices.add(imei);
		}
		return devices;
	}
}
