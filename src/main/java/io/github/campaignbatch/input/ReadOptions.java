package io.github.campaignbatch.input;

/**
 * How to read an input file.
 *
 * @param sheetName the XLSX sheet to read, or {@code null} for the first visible sheet; ignored for CSV,
 * which has a single table
 * @param maxCellChars the longest cell accepted, in characters; a longer cell fails the file. A CSV row may
 * hold at most twice this many characters in all, so that a quote that is never closed cannot pull the rest
 * of a large file into memory
 */
public record ReadOptions(String sheetName, int maxCellChars) {

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

	/** Options with the given sheet (or {@code null}) and the default cell limit. */
	public ReadOptions(String sheetName) {
		this(sheetName, DEFAULT_MAX_CELL_CHARS);
	}

	/** The first visible sheet and the default cell limit. */
	public static ReadOptions defaults() {
		return new ReadOptions(null, DEFAULT_MAX_CELL_CHARS);
	}

	public ReadOptions withSheetName(String sheetName) {
		return new ReadOptions(sheetName, this.maxCellChars);
	}

	/** The longest CSV record accepted, in characters (see {@link #maxCellChars()}). */
	long maxRowChars() {
		return 2L * this.maxCellChars;
	}
}
