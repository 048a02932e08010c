package io.github.campaignbatch.input;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * The text of a workbook cell as the rest of the job wants it, which is not always what Excel displays:
 * numbers with every digit (an IMEI shown as 3.53457E+14 must come out whole), dates as ISO dates whatever
 * their display format, and formulas as the value Excel last computed, since nothing here recalculates.
 */
final class XlsxCellText {

	private static final String ERROR_PREFIX = "ERROR:";

	private XlsxCellText() {
	}

	static String of(Cell cell) {
		CellType type = cell.getCellType();
		if (type == CellType.FORMULA) {
			type = cell.getCachedFormulaResultType();
		}
		return switch (type) {
			case NUMERIC -> numeric(cell);
			case STRING -> cell.getStringCellValue();
			case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
			case ERROR -> error(cell);
			default -> "";
		};
	}

	private static String numeric(Cell cell) {
		if (DateUtil.isCellDateFormatted(cell)) {
			// a time of day in a date cell is dropped: the job's dates are whole days
			LocalDateTime dateTime = cell.getLocalDateTimeCellValue();
			return (dateTime != null) ? dateTime.toLocalDate().toString() : "";
		}
		return plainNumber(cell.getNumericCellValue());
	}

	/**
	 * A number with all its digits and no exponent or trailing zeros. {@link BigDecimal#valueOf(double)} starts
	 * from the shortest decimal that identifies the double, so 0.1 stays 0.1 and an IMEI, exact in a double up
	 * to 2^53, keeps its 15 digits.
	 */
	static String plainNumber(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return Double.toString(value);
		}
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	/**
	 * The error code, e.g. {@code #N/A}. The streaming reader gives error values of formula cells only as
	 * display text, prefixed with {@code ERROR:}, so that text is the one source for both kinds of cell.
	 */
	private static String error(Cell cell) {
		String shown = cell.getStringCellValue().strip();
		if (shown.startsWith(ERROR_PREFIX)) {
			shown = shown.substring(ERROR_PREFIX.length()).strip();
		}
		return shown;
	}
}
