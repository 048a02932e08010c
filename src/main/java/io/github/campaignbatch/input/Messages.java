package io.github.campaignbatch.input;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import io.github.campaignbatch.output.TerminalText;

/**
 * Wording shared by the file-level error messages. Text taken from the file is cleaned before it goes into
 * a message, because an {@link InputFileException} message must stay one printable line.
 */
final class Messages {

	private static final int MAX_QUOTED_CHARS = 60;

	private static final int MAX_LISTED_ITEMS = 20;

	private Messages() {
	}

	/** What a header row must hold, for messages that tell the operator how to fix one. */
	static String expectedColumns() {
		List<String> required = new ArrayList<>();
		List<String> optional = new ArrayList<>();
		for (Column column : Column.values()) {
			(column.isRequired() ? required : optional).add(column.headerName());
		}
		return String.join(", ", required) + " (optional: " + String.join(", ", optional) + ")";
	}

	/** A required column with the other names it may go by, e.g. {@code imei (or deviceId, imeis, deviceList)}. */
	static String withAliases(Column column) {
		if (column.aliases().isEmpty()) {
			return column.headerName();
		}
		return column.headerName() + " (or " + String.join(", ", column.aliases()) + ")";
	}

	/** Text from the file, on one line and cut to a readable length. */
	static String clean(String text) {
		String cleaned = TerminalText.clean(text.strip());
		if (cleaned.length() > MAX_QUOTED_CHARS) {
			return cleaned.substring(0, MAX_QUOTED_CHARS - 3) + "...";
		}
		return cleaned.toString();
	}

	/** Items separated by commas, the first twenty of them at most. */
	static String list(Collection<String> items) {
		String listed = items.stream().limit(MAX_LISTED_ITEMS).map(Messages::clean).collect(Collectors.joining(", "));
		int more = items.size() - MAX_LISTED_ITEMS;
		return (more > 0) ? listed + " and " + more + " more" : listed;
	}

	/** The spreadsheet letter of a zero-based column index: A, B, ... Z, AA, AB, ... */
	static String columnLetter(int index) {
		StringBuilder letters = new StringBuilder();
		for (int i = index + 1; i > 0; i = (i - 1) / 26) {
			letters.insert(0, (char) ('A' + (i - 1) % 26));
		}
		return letters.toString();
	}
}
