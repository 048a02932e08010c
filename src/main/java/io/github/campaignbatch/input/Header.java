package io.github.campaignbatch.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A checked header row: which column of the sheet holds which canonical {@link Column}. Building one
 * rejects header rows that miss a required column, name a column twice or name no known column at all.
 */
final class Header {

	private final Path file;

	private final Column[] columnAt;

	private final Set<Column> columns;

	private final List<String> unknownColumns;

	private final boolean firstRowIsData;

	private Header(Path file, Column[] columnAt, Set<Column> columns, List<String> unknownColumns,
			boolean firstRowIsData) {
		this.file = file;
		this.columnAt = columnAt;
		this.columns = Collections.unmodifiableSet(columns);
		this.unknownColumns = List.copyOf(unknownColumns);
		this.firstRowIsData = firstRowIsData;
	}

	/**
	 * Reads the header cells of a sheet row.
	 * @param rowNumber the header's row number, for messages
	 * @param cells the cell texts by zero-based column index; {@code null} for an absent cell
	 * @throws InputFileException when the row is not a usable header
	 */
	static Header of(Path file, long rowNumber, List<String> cells) {
		return of(file, rowNumber, cells, false);
	}

	/**
	 * Reads the header cells of a sheet row; for a device list ({@link ReadOptions#deviceList()}) only the IMEI
	 * column is required, and a first row that holds one IMEI-like cell and no column name is no header at all:
	 * the file is one IMEI (or list of IMEIs) per line, that row its first.
	 */
	static Header of(Path file, long rowNumber, List<String> cells, boolean deviceList) {
		Column[] columnAt = new Column[cells.size()];
		Map<Column, Integer> indexOf = new EnumMap<>(Column.class);
		List<String> found = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (int i = 0; i < cells.size(); i++) {
			String cell = (cells.get(i) != null) ? Whitespace.strip(cells.get(i)) : "";
			if (cell.isEmpty()) {
				continue;
			}
			found.add(cell);
			Column column = Column.forHeader(cell).orElse(null);
			if (column == null && Column.isExportedErrorColumn(cell)) {
				// The rejects export's errorCode and errorMessage: expected in a file fixed and dropped back.
				continue;
			}
			if (column == null) {
				// cleaned: the names are printed in a warning, and a cell may hold control characters or a novel
				unknown.add(Messages.clean(cell));
				continue;
			}
			Integer earlier = indexOf.putIfAbsent(column, i);
			if (earlier != null) {
				throw new InputFileException(file, "duplicate column: '" + Messages.clean(Whitespace.strip(cells.get(earlier)))
						+ "' (column " + Messages.columnLetter(earlier) + ") and '" + Messages.clean(cell) + "' (column "
						+ Messages.columnLetter(i) + ") both mean " + column.headerName() + ": keep only one of them");
			}
			columnAt[i] = column;
		}
		if (indexOf.isEmpty() && deviceList) {
			int imeiAt = singleImeiLikeCell(cells);
			if (imeiAt < 0) {
				throw new InputFileException(file, "row " + rowNumber + " is neither a header row naming an imei column"
						+ " nor an IMEI (found: " + Messages.list(found) + "): write one IMEI per line, or a header row with"
						+ " a column " + Messages.withAliases(Column.IMEI));
			}
			Column[] imeiOnly = new Column[cells.size()];
			imeiOnly[imeiAt] = Column.IMEI;
			return new Header(file, imeiOnly, EnumSet.of(Column.IMEI), List.of(), true);
		}
		if (indexOf.isEmpty()) {
			throw new InputFileException(file, "row " + rowNumber + " does not look like a header row (none of its cells "
					+ "names a known column; found: " + Messages.list(found) + "): the first non-blank row must name "
					+ "the columns " + Messages.expectedColumns());
		}
		List<String> missing = new ArrayList<>();
		for (Column column : Column.values()) {
			boolean required = deviceList ? column == Column.IMEI : column.isRequired();
			if (required && !indexOf.containsKey(column)) {
				missing.add(Messages.withAliases(column));
			}
		}
		if (!missing.isEmpty()) {
			throw new InputFileException(file, "missing required column(s) " + String.join(", ", missing)
					+ " in the header row (row " + rowNumber + "); found columns: " + Messages.list(found));
		}
		return new Header(file, columnAt, EnumSet.copyOf(indexOf.keySet()), unknown, false);
	}

	/** The index of the row's only non-blank cell when it holds digits (and separators) only, else -1. */
	private static int singleImeiLikeCell(List<String> cells) {
		int found = -1;
		for (int i = 0; i < cells.size(); i++) {
			String cell = cells.get(i) == null ? "" : Whitespace.strip(cells.get(i));
			if (cell.isEmpty()) {
				continue;
			}
			if (found >= 0 || !cell.matches("[0-9][0-9 ,;\\-]*")) {
				return -1;
			}
			found = i;
		}
		return found;
	}

	/** Whether the row read as the header is in fact the first data row (a device list without a header). */
	boolean firstRowIsData() {
		return this.firstRowIsData;
	}

	Set<Column> columns() {
		return this.columns;
	}

	/** Header cells that name no known column, in file order, each on one line and cut to a readable length. */
	List<String> unknownColumns() {
		return this.unknownColumns;
	}

	/** The zero-based sheet column of a canonical column, or -1 when the header lacks it. */
	int indexOf(Column column) {
		for (int i = 0; i < this.columnAt.length; i++) {
			if (this.columnAt[i] == column) {
				return i;
			}
		}
		return -1;
	}

	/** How many sheet columns the header spans; cells to the right of it are ignored. */
	int width() {
		return this.columnAt.length;
	}

	/**
	 * The data row made of the cells under known columns.
	 * @param cellAt the cell text at a zero-based column index below {@link #width()}, {@code null} if absent
	 * @throws InputFileException when a cell is longer than {@code maxCellChars}
	 */
	InputRow row(long rowNumber, IntFunction<String> cellAt, int maxCellChars) {
		Map<Column, String> cells = new EnumMap<>(Column.class);
		for (int i = 0; i < this.columnAt.length; i++) {
			Column column = this.columnAt[i];
			if (column == null) {
				continue;
			}
			String cell = cellAt.apply(i);
			if (cell != null && cell.length() > maxCellChars) {
				throw new InputFileException(this.file, "cell " + Messages.columnLetter(i) + rowNumber + " ("
						+ column.headerName() + ") is longer than " + maxCellChars
						+ " characters: split its content over several rows");
			}
			cells.put(column, cell);
		}
		return new InputRow(rowNumber, cells);
	}

	/** Whether every cell is absent or blank; such rows are skipped. */
	static boolean isBlank(String[] cells) {
		for (String cell : cells) {
			if (cell != null && !Whitespace.isBlank(cell)) {
				return false;
			}
		}
		return true;
	}
}
