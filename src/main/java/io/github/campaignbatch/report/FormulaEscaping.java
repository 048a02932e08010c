package io.github.campaignbatch.report;

/**
 * Keeps report cells from running as formulas when the report is opened in a spreadsheet: input cells are
 * operator data, and a cell such as {@code =HYPERLINK(...)} coming back in a report is an injection.
 * Cells starting with {@code = + - @}, a tab or a carriage return get a leading apostrophe, which
 * spreadsheets show as text.
 */
public final class FormulaEscaping {

	private FormulaEscaping() {
	}

	public static String escape(String cell) {
		if (cell == null || cell.isEmpty()) {
			return cell == null ? "" : cell;
		}
		char first = cell.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
			return "'" + cell;
		}
		return cell;
	}
}
