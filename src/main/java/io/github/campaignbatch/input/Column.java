package io.github.campaignbatch.input;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical input columns. Header cells match a column case-insensitively, ignoring spaces,
 * underscores and hyphens, so {@code File Name}, {@code file_name} and {@code fileName} are one column.
 */
public enum Column {
	ACCOUNT(false, "account"),
	CAMPAIGN_NAME(false, "campaignName"),
	FILE_NAME(true, "fileName"),
	FILE_VERSION(true, "fileVersion"),
	DISTRIBUTION_TYPE(true, "distributionType"),
	START_DATE(true, "startDate"),
	END_DATE(true, "endDate"),
	DOWNLOAD_AFTER_DATE(false, "downloadAfterDate"),
	INSTALL_AFTER_DATE(false, "installAfterDate"),
	DOWNLOAD_TIME_WINDOWS(false, "downloadTimeWindows", "downloadTimeWindowList"),
	INSTALL_TIME_WINDOWS(false, "installTimeWindows", "installTimeWindowList"),
	IMEI(true, "imei", "deviceId", "imeis", "deviceList"),
	/** After the IMEI so that the columns before it keep their places in files and templates made earlier. */
	TIME_ZONE(false, "timeZone");

	private static final Map<String, Column> BY_NORMALIZED_NAME = new HashMap<>();

	static {
		for (Column column : values()) {
			for (String name : column.names) {
				BY_NORMALIZED_NAME.put(normalize(name), column);
			}
		}
	}

	private final boolean required;

	private final List<String> names;

	Column(boolean required, String... names) {
		this.required = required;
		this.names = List.of(names);
	}

	/** The documented header name, as written in templates and error messages. */
	public String headerName() {
		return this.names.get(0);
	}

	/** Other header names accepted for this column, e.g. {@code deviceId} for {@code imei}. */
	public List<String> aliases() {
		return this.names.subList(1, this.names.size());
	}

	/** Whether the header row must contain this column. */
	public boolean isRequired() {
		return this.required;
	}

	/** The column a header cell names, if any. */
	public static Optional<Column> forHeader(String header) {
		if (header == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(BY_NORMALIZED_NAME.get(normalize(header)));
	}

	/**
	 * The {@code errorCode} and {@code errorMessage} columns that {@code report --rejected} adds to a file in the
	 * input format: read without a warning and ignored.
	 */
	public static final List<String> EXPORTED_ERROR_COLUMNS = List.of("errorCode", "errorMessage");

	static boolean isExportedErrorColumn(String header) {
		String normalized = normalize(header);
		return EXPORTED_ERROR_COLUMNS.stream().anyMatch(name -> normalize(name).equals(normalized));
	}

	static String normalize(String header) {
		StringBuilder normalized = new StringBuilder(header.length());
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			// isSpaceChar also covers the no-break spaces that headers copied from web pages carry
			if (c != '_' && c != '-' && !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\uFEFF') {
				normalized.append(c);
			}
		}
		return normalized.toString().toLowerCase(Locale.ROOT);
	}
}
