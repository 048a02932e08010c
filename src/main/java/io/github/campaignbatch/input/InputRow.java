package io.github.campaignbatch.input;

import java.util.EnumMap;
import java.util.Map;

/**
 * One data row of an input spreadsheet: its row number as the spreadsheet shows it (header = row 1)
 * and its raw cell text by canonical column. Cells are trimmed of white space of any Unicode kind
 * ({@link Whitespace}); a blank or absent cell reads as an empty string. Spreadsheet date cells arrive as ISO
 * {@code YYYY-MM-DD}, numeric cells as their number format shows them, never with an exponent.
 */
public record InputRow(long rowNumber, Map<Column, String> cells) {

	public InputRow {
		EnumMap<Column, String> copy = new EnumMap<>(Column.class);
		cells.forEach((column, value) -> copy.put(column, value == null ? "" : Whitespace.strip(value)));
		cells = copy;
	}

	/** The trimmed cell text of a column, or an empty string when the cell or the column is absent. */
	public String get(Column column) {
		return this.cells.getOrDefault(column, "");
	}
}
