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
	 * Opens a file and reads and checks its header row. The caller must close the source. A file with a header
	 * and no data rows opens (a blank template is such a file); {@link #withDataRows} refuses it.
	 * @throws InputFileException when the file is missing, unreadable, of an unsupported format, corrupted,
	 * empty, or without a usable header row
	 */
	public static RowSource open(Path file, ReadOptions options) {
		return switch (InputFormat.of(file)) {
			case CSV -> CsvRowSource.open(file, options);
			case XLSX -> XlsxRowSource.open(file, options);
		};
	}

	/**
	 * Opens a file as {@link #open(Path, ReadOptions)} does and reads ahead to its first data row, for a run:
	 * a file without one is a mistake (the devices were never pasted in, or went to another sheet).
	 * @throws InputFileException as {@link #open(Path, ReadOptions)}, and when the file has no data row
	 */
	public static RowSource withDataRows(Path file, ReadOptions options) {
		RowSource source = open(file, options);
		try {
			InputRow first = source.next();
			if (first == null) {
				throw noDataRows(file);
			}
			return new FirstRowHeld(source, first);
		}
		catch (RuntimeException ex) {
			source.close();
			throw ex;
		}
	}

	/** Opens a file with {@link ReadOptions#defaults()}. */
	public static RowSource open(Path file) {
		return open(file, ReadOptions.defaults());
	}

	static InputFileException noDataRows(Path file) {
		return new InputFileException(file, "has a header row but no data rows: add one row per device (or list "
				+ "of devices) below the header");
	}

	/** A source whose first data row was already taken, to know the file has one before anything runs. */
	private static final class FirstRowHeld extends ForwardingRowSource {

		private InputRow first;

		FirstRowHeld(RowSource source, InputRow first) {
			super(source);
			this.first = first;
		}

		@Override
		public InputRow next() {
			if (this.first != null) {
				InputRow row = this.first;
				this.first = null;
				return row;
			}
			return this.source.next();
		}
	}
}
