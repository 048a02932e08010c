package io.github.campaignbatch.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.input.ReadOptions;
import io.github.campaignbatch.input.RowSource;
import io.github.campaignbatch.input.RowSources;
import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.tracking.VendorStatuses;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the rejected and failed devices of a run in the input format, so that an operator fixes them in place and
 * drops the file back into the inbox: the template's columns with the row's original cell texts (re-read from the
 * input file), one line per device (the {@code imei} cell holds that device alone when its row listed several), plus
 * {@code errorCode} and {@code errorMessage}, which the reader ignores. A device counts when its outcome is not
 * PLANNED or SCHEDULED, or when ThingSpace reported it {@code UpgradeFailed} or {@code DeviceRejected}; a DUPLICATE
 * is left out (its device's outcome is its first row's).
 * <p>
 * CSV cells that a spreadsheet would run as a formula get a leading apostrophe (as in the report); XLSX cells are
 * text and round-trip exactly, so XLSX is the better choice for a file to fix.
 */
public class RejectsExport {

	private final ResultsRepository results;

	public RejectsExport(ResultsRepository results) {
		this.results = results;
	}

	/** One device to fix. */
	private record Reject(String imei, String errorCode, String errorMessage) {
	}

	/**
	 * What was exported.
	 * @param lines devices written, one a line
	 * @param duplicatesLeftOut devices left out because they are another row's device again (DUPLICATE): that row
	 * carries the device's outcome, and exports it itself when it needs a fix
	 */
	public record Exported(long lines, long duplicatesLeftOut) {
	}

	/**
	 * @param input the run's input file, unchanged (the caller checks its fingerprint)
	 */
	public Exported write(long jobInstanceId, Path input, ReadOptions readOptions, Path target) {
		Map<Long, List<Reject>> byRow = new HashMap<>();
		long[] duplicates = { 0 };
		this.results.forEachLine(jobInstanceId, line -> {
			boolean failedAtVendor = VendorStatuses.isFailedDevice(line.deviceStatus());
			if (line.status() == DeviceOutcome.DUPLICATE) {
				// Fixing and sending this row again would send a device its first row already sent.
				duplicates[0]++;
			}
			else if (!line.status().isSuccessful() || failedAtVendor) {
				Reject reject = failedAtVendor && line.status().isSuccessful()
						? new Reject(line.imei(), line.deviceStatus(), line.resultReason())
						: new Reject(line.imei(), line.errorCode().isEmpty() ? line.status().name() : line.errorCode(),
								line.errorMessage());
				byRow.computeIfAbsent(line.row(), row -> new ArrayList<>(1)).add(reject);
			}
		});
		Path absolute = target.toAbsolutePath();
		try {
			SafeFiles.createPrivateDirectories(absolute.getParent());
			Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
			try {
				long lines;
				try (RowSource rows = RowSources.open(input, readOptions)) {
					lines = ResultsReportWriter.isXlsx(absolute) ? writeXlsx(rows, byRow, temporary)
							: writeCsv(rows, byRow, temporary);
				}
				Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				return new Exported(lines, duplicates[0]);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			throw new ReportWriteException("cannot write " + target + ": " + ex.getMessage(), ex);
		}
	}

	private static String[] header() {
		Column[] columns = Column.values();
		String[] header = new String[columns.length + 2];
		for (int i = 0; i < columns.length; i++) {
			header[i] = columns[i].headerName();
		}
		header[columns.length] = Column.EXPORTED_ERROR_COLUMNS.get(0);
		header[columns.length + 1] = Column.EXPORTED_ERROR_COLUMNS.get(1);
		return header;
	}

	/** Calls {@code line} for each device to fix, in input order, with its cells in the template's order. */
	private static long forEachReject(RowSource rows, Map<Long, List<Reject>> byRow, LineConsumer line)
			throws IOException {
		long written = 0;
		Column[] columns = Column.values();
		for (InputRow row = rows.next(); row != null && !byRow.isEmpty(); row = rows.next()) {
			List<Reject> rejects = byRow.remove(row.rowNumber());
			if (rejects == null) {
				continue;
			}
			for (Reject reject : rejects) {
				String[] cells = new String[columns.length + 2];
				for (int i = 0; i < columns.length; i++) {
					String original = row.get(columns[i]);
					cells[i] = original == null ? "" : original;
				}
				if (rejects.size() > 1 || cells[Column.IMEI.ordinal()].isBlank()) {
					cells[Column.IMEI.ordinal()] = reject.imei();
				}
				cells[columns.length] = reject.errorCode() == null ? "" : reject.errorCode();
				cells[columns.length + 1] = reject.errorMessage() == null ? "" : reject.errorMessage();
				line.accept(cells);
				written++;
			}
		}
		return written;
	}

	private static long writeCsv(RowSource rows, Map<Long, List<Reject>> byRow, Path file) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("\n").build()) {
			csv.writeNext(header(), false);
			long lines = forEachReject(rows, byRow, cells -> {
				for (int i = 0; i < cells.length; i++) {
					cells[i] = FormulaEscaping.escape(cells[i]);
				}
				csv.writeNext(cells, false);
			});
			csv.flush();
			if (csv.checkError()) {
				throw new IOException("the file could not be written completely (disk full?)");
			}
			return lines;
		}
	}

	private static long writeXlsx(RowSource rows, Map<Long, List<Reject>> byRow, Path file) throws IOException {
		SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		try (OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = workbook.createSheet("devices");
			// Formula-like cells stay the operator's own text, kept from running by the cell style, not an apostrophe
			// that would go back into the input once the file is fixed and dropped into the inbox.
			XlsxText text = XlsxText.original(workbook);
			int[] index = { 0 };
			appendRow(sheet, text, index[0]++, header());
			long lines = forEachReject(rows, byRow, cells -> appendRow(sheet, text, index[0]++, cells));
			workbook.write(out);
			return lines;
		}
		finally {
			workbook.close();
		}
	}

	private static void appendRow(Sheet sheet, XlsxText text, int index, String[] cells) {
		Row row = sheet.createRow(index);
		for (int i = 0; i < cells.length; i++) {
			Cell cell = row.createCell(i);
			if (cells[i] != null) {
				text.set(cell, cells[i]);
			}
		}
	}

	@FunctionalInterface
	private interface LineConsumer {

		void accept(String[] cells) throws IOException;
	}
}
