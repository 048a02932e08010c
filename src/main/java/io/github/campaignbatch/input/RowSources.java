package io.github.campaignbatch.input;

import java.nio.file.Path;

/**
 * Opens input files. The format comes from the extension ({@code .csv} and {@code .txt} are CSV,
 * {@code .xlsx} is a workbook), checked against the file's first bytes; see {@link CsvRowSource}'s and
 * {@link XlsxRowSource}'s documentation for how each format is read.
 */
public final class RowSources {

	private RowSources() {
	}

	/**
	 * Opens a file and reads and checks its header row. The caller must close the source.
	 * @throws InputFileException when the file is missing, unreadable, of an unsupported format, corrupted,
	 * empty, or without a usable header row
	 */
	public static RowSource open(Path file, ReadOptions options) {
		return switch (InputFormat.of(file)) {
			case CSV -> CsvRowSource.open(file, options);
			case XLSX -> XlsxRowSource.open(file, options);
		};
	}

	/** Opens a file with {@link ReadOptions#defaults()}. */
	public static RowSource open(Path file) {
		return open(file, ReadOptions.defaults());
	}
}
