package io.github.campaignbatch.input;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import org.dhatim.fastexcel.reader.Cell;

/**
 * The text of a workbook cell as the spreadsheet shows it, with two deliberate exceptions: dates become ISO
 * dates whatever their display format, and a number that Excel would show with an exponent (a 15-digit IMEI in a
 * General cell shows as 3.53457E+14) keeps every digit. Number formats are applied by {@link XlsxNumberFormat},
 * so a version shown as {@code 2.10} reads as {@code 2.10} and a zero-padded IMEI keeps its leading 0. Formulas
 * give the value Excel last computed, since nothing here recalculates.
 */
final class XlsxCellText {

	private XlsxCellText() {
	}

	static String of(Cell cell) {
		if (cell == null) {
			return "";
		}
		Object value = cell.getValue();
		return switch (cell.getType()) {
			case NUMBER -> numeric(cell, (BigDecimal) value);
			// a formula cell's value is its cached result, typed by the cell's t attribute
			case FORMULA -> (value instanceof BigDecimal number) ? numeric(cell, number) : text(value);
			case STRING, ERROR, BOOLEAN -> text(value);
			default -> "";
		};
	}

	private static String numeric(Cell cell, BigDecimal value) {
		if (XlsxNumberFormat.isDate(cell.getDataFormatId(), cell.getDataFormatString())) {
			// a time of day in a date cell is dropped: the job's dates are whole days
			LocalDateTime dateTime = cell.asDate();
			return (dateTime != null) ? dateTime.toLocalDate().toString() : "";
		}
		return XlsxNumberFormat.format(value, cell.getDataFormatString());
	}

	private static String text(Object value) {
		if (value instanceof Boolean bool) {
			return bool ? "TRUE" : "FALSE";
		}
		return (value == null) ? "" : value.toString();
	}
}
