package io.github.campaignbatch.input;

/**
 * How to read an input file.
 *
 * @param sheetName the XLSX sheet to read, or {@code null} for the first visible sheet; ignored for CSV,
 * which has a single table
 * @param maxCellChars the longest cell accepted, in characters; a longer cell fails the file. A CSV row may
 * hold at most twice this many characters in all, so that a quote that is never closed cannot pull the rest
 * of a large file into memory
 * @param deviceList a list of devices rather than campaigns: only the {@code imei} column is required, and a file
 * whose first row is an IMEI rather than a header is one IMEI (or list of IMEIs) per line
 */
public record ReadOptions(String sheetName, int maxCellChars, boolean deviceList) {

	/** Room for a list cell of about 250,000 IMEIs, far beyond what one campaign row needs. */
	public static final int DEFAULT_MAX_CELL_CHARS = 4_000_000;

	public ReadOptions {
		if (maxCellChars < 1) {
			throw new IllegalArgumentException("maxCellChars must be positive, not " + maxCellChars);
		}
		if (sheetName != null && sheetName.isBlank()) {
			sheetName = null;
		}
	}

	/** Options for a campaign file. */
	public ReadOptions(String sheetName, int maxCellChars) {
		this(sheetName, maxCellChars, false);
	}

	/** Options with the given sheet (or {@code null}) and the default cell limit. */
	public ReadOptions(String sheetName) {
		this(sheetName, DEFAULT_MAX_CELL_CHARS);
	}

	/** The first visible sheet and the default cell limit. */
	public static ReadOptions defaults() {
		return new ReadOptions(null, DEFAULT_MAX_CELL_CHARS, false);
	}

	public ReadOptions withSheetName(String sheetName) {
		return new ReadOptions(sheetName, this.maxCellChars, this.deviceList);
	}

	/** The same options for a file of IMEIs ({@code amend --add/--remove}). */
	public ReadOptions forDeviceList() {
		return new ReadOptions(this.sheetName, this.maxCellChars, true);
	}

	/** The longest CSV record accepted, in characters (see {@link #maxCellChars()}). */
	long maxRowChars() {
		return 2L * this.maxCellChars;
	}
}
