package io.github.campaignbatch.report;

import io.github.campaignbatch.output.TerminalText;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Text cells of an XLSX report. A value a spreadsheet could take for a formula ({@link FormulaEscaping#isFormulaLike})
 * keeps its own text, with no apostrophe added, in a string cell marked quote-prefixed: a string cell is never
 * evaluated, and the quote prefix is how Excel itself marks "text that looks like a formula", so that it stays text
 * even when someone edits the cell and presses Enter. The CSV report, which has no cell types, adds the apostrophe
 * instead ({@link FormulaEscaping#escape}).
 */
final class XlsxText {

	private final Workbook workbook;

	private final boolean printable;

	private CellStyle quoted;

	private XlsxText(Workbook workbook, boolean printable) {
		this.workbook = workbook;
		this.printable = printable;
	}

	/**
	 * The cells of a results report: control and format characters from the input or the vendor shown as in a
	 * terminal ({@link TerminalText#clean}), as the CSV report shows them.
	 */
	static XlsxText printable(Workbook workbook) {
		return new XlsxText(workbook, true);
	}

	/** The cells of {@code report --rejected}: the input's own values, to be fixed and read again. */
	static XlsxText original(Workbook workbook) {
		return new XlsxText(workbook, false);
	}

	/** Sets the cell to the text ({@code ""} for null), quote-prefixed when it looks like a formula. */
	void set(Cell cell, String value) {
		String text = this.printable ? TerminalText.clean(value) : value == null ? "" : value;
		cell.setCellValue(text);
		if (FormulaEscaping.isFormulaLike(text)) {
			cell.setCellStyle(quoted());
		}
	}

	/** One style for the whole workbook: a style per cell would grow the styles table past Excel's limit. */
	private CellStyle quoted() {
		if (this.quoted == null) {
			this.quoted = this.workbook.createCellStyle();
			this.quoted.setQuotePrefixed(true);
		}
		return this.quoted;
	}
}
