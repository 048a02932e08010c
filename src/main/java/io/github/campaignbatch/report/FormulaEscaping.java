package io.github.campaignbatch.report;

/**
 * Keeps report cells from running as formulas when the report is opened in a spreadsheet: input cells are
 * operator data, and a cell such as {@code =HYPERLINK(...)} coming back in a report is an injection.
 *
 * <p>A cell is formula-like when its first character is {@code = + - @}, a tab or a carriage return, also after
 * any leading white space or invisible format characters (a no-break space, a zero-width space, a byte-order mark:
 * spreadsheets skip them), and also for the full-width and small forms of those four signs ({@code ＝ ＋ － ＠},
 * {@code ﹦ ﹢ ﹣ ﹫}), which some spreadsheets normalise to their ASCII twins. In the CSV report such a cell gets a
 * leading apostrophe, which spreadsheets show as text; the XLSX report keeps it a text cell and marks it
 * quote-prefixed instead, so the apostrophe does not show ({@link #isFormulaLike}).
 */
public final class FormulaEscaping {

	static final String FORMULA_SIGNS = "=+-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B";

	private FormulaEscaping() {
	}

	/** The cell for a CSV report: formula-like cells get a leading apostrophe. */
	public static String escape(String cell) {
		if (cell == null) {
			return "";
		}
		return isFormulaLike(cell) ? "'" + cell : cell;
	}

	/** Whether a spreadsheet could take the cell for a formula. */
	public static boolean isFormulaLike(String cell) {
		if (cell == null || cell.isEmpty()) {
			return false;
		}
		char first = cell.charAt(0);
		if (first == '\t' || first == '\r') {
			return true;
		}
		int i = 0;
		while (i < cell.length() && isSkippedBeforeAFormula(cell.charAt(i))) {
			i++;
		}
		return i < cell.length() && FORMULA_SIGNS.indexOf(cell.charAt(i)) >= 0;
	}

	static boolean isSkippedBeforeAFormula(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
				|| Character.getType(c) == Character.CONTROL;
	}
}
