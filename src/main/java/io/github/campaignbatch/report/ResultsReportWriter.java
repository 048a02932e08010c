package io.github.campaignbatch.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;

import com.opencsv.CSVWriterBuilder;
import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.output.UnsafeTargetException;
import com.opencsv.ICSVWriter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the results report of a job instance: CSV by default, XLSX (streamed, with a second sheet listing
 * the campaigns) when the path ends in {@code .xlsx}. The file is written through {@link SafeFiles}: beside its
 * target, owner-only, and moved into place at the end, so a failure (a full disk, say) never leaves half a report
 * where a good one is expected, and a device or link at the target is never written through.
 */
public class ResultsReportWriter {

	/** Rows an XLSX writer keeps in memory before flushing them to its temporary file. */
	private static final int XLSX_WINDOW = 200;

	/** Data rows per sheet: Excel's 1,048,576 rows less the header. Larger reports continue on devices-2... */
	static final int XLSX_ROWS_PER_SHEET = 1_048_575;

	private final ResultsRepository results;

	public ResultsReportWriter(ResultsRepository results) {
		this.results = results;
	}

	/**
	 * Writes the report of a run and returns the number of device lines written. A missing folder is created
	 * (owner-only): the path was checked when the run was launched, and a restart must not fail because it went away.
	 */
	public long write(long jobInstanceId, Path target) {
		return write(jobInstanceId, target, written -> {
		});
	}

	/**
	 * Writes the report of a run and returns the number of device lines written. A missing folder is created
	 * (owner-only): the path was checked when the run was launched, and a restart must not fail because it went away.
	 * @param progress told the number of lines written so far after each line
	 */
	public long write(long jobInstanceId, Path target, LongConsumer progress) {
		try {
			SafeFiles.createPrivateDirectories(target.toAbsolutePath().getParent());
		}
		catch (IOException ex) {
			throw failure(target, ex);
		}
		return write(jobInstanceId, target, SafeFiles.Existing.REPLACE, progress);
	}

	/** Writes the report into an existing folder ({@code report --output}); see below. */
	public long write(long jobInstanceId, Path target, SafeFiles.Existing existing) {
		return write(jobInstanceId, target, existing, written -> {
		});
	}

	/**
	 * Writes the report into an existing folder through {@link SafeFiles} (owner-only, renamed into place, a target
	 * that is not a regular file refused) and returns the number of device lines written.
	 *
	 * @throws ReportWriteException when it cannot be written; its cause is an {@link UnsafeTargetException} when the
	 * target was refused
	 */
	public long write(long jobInstanceId, Path target, SafeFiles.Existing existing, LongConsumer progress) {
		checkExtension(target);
		long[] lines = { 0 };
		try {
			SafeFiles.write(target, existing, temporary -> lines[0] = isXlsx(target)
					? writeXlsx(jobInstanceId, temporary, progress) : writeCsv(jobInstanceId, temporary, progress));
			return lines[0];
		}
		catch (IOException | UncheckedIOException ex) {
			throw failure(target, ex);
		}
	}

	/** Refuses a report name that is neither {@code .csv} nor {@code .xlsx}: nothing else would be what it says. */
	public static void checkExtension(Path target) {
		String name = target.getFileName() == null ? "" : target.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!name.endsWith(".csv") && !name.endsWith(".xlsx")) {
			throw new IllegalArgumentException(target + ": a report is written as .csv or .xlsx; choose a name ending"
					+ " in one of them");
		}
	}

	private static ReportWriteException failure(Path target, Exception ex) {
		if (ex instanceof UnsafeTargetException refused) {
			return new ReportWriteException("cannot write the report: " + refused.getMessage()
					+ "; the outcome is kept: 'report --execution ID' writes it again", refused);
		}
		return new ReportWriteException("cannot write the report " + target + ": " + reason(ex)
				+ "; the outcome is kept: 'report --execution ID' writes it again", ex);
	}

	private static String reason(Exception ex) {
		Throwable cause = ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : ex;
		if (cause instanceof FileSystemException fileProblem) {
			// NIO puts only the path in the message; the kind of problem is in the class name.
			String reason = fileProblem.getReason() != null ? fileProblem.getReason()
					: fileProblem.getClass().getSimpleName().replace("Exception", "");
			return reason + " (" + fileProblem.getFile() + ")";
		}
		return cause.getMessage();
	}

	static boolean isXlsx(Path path) {
		return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx");
	}

	private long writeCsv(long jobInstanceId, Path file, LongConsumer progress) throws IOException {
		long[] lines = { 0 };
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("\n").build()) {
			csv.writeNext(ReportLine.HEADER, false);
			this.results.forEachLine(jobInstanceId, line -> {
				csv.writeNext(escaped(line.cells()), false);
				progress.accept(++lines[0]);
			});
			csv.flush();
			if (csv.checkError()) {
				throw new IOException("the report could not be written completely (disk full?)");
			}
		}
		return lines[0];
	}

	private long writeXlsx(long jobInstanceId, Path file, LongConsumer progress) throws IOException {
		long[] lines = { 0 };
		SXSSFWorkbook workbook = new SXSSFWorkbook(XLSX_WINDOW);
		workbook.setCompressTempFiles(true);
		try (OutputStream out = Files.newOutputStream(file)) {
			// A formula-like cell stays a text cell, marked quote-prefixed: shown as typed, no apostrophe, and still
			// text when someone edits it in Excel.
			CellStyle asText = workbook.createCellStyle();
			asText.setQuotePrefixed(true);
			Sheet[] devices = { workbook.createSheet("devices") };
			appendRow(devices[0], 0, ReportLine.HEADER, asText);
			this.results.forEachLine(jobInstanceId, line -> {
				long index = lines[0]++;
				int rowInSheet = (int) (index % XLSX_ROWS_PER_SHEET) + 1;
				if (index > 0 && rowInSheet == 1) {
					devices[0] = workbook.createSheet("devices-" + (index / XLSX_ROWS_PER_SHEET + 1));
					appendRow(devices[0], 0, ReportLine.HEADER, asText);
				}
				appendRow(devices[0], rowInSheet, line.cells(), asText);
				progress.accept(lines[0]);
			});
			Sheet campaigns = workbook.createSheet("campaigns");
			appendRow(campaigns, 0, CampaignLine.HEADER, asText);
			int[] campaignRows = { 0 };
			this.results.forEachCampaign(jobInstanceId,
					campaign -> appendRow(campaigns, ++campaignRows[0], campaign.cells(), asText));
			workbook.write(out);
		}
		finally {
			workbook.close();
		}
		return lines[0];
	}

	private static void appendRow(Sheet sheet, int index, String[] cells, CellStyle asText) {
		Row row = sheet.createRow(index);
		for (int i = 0; i < cells.length; i++) {
			Cell cell = row.createCell(i);
			cell.setCellValue(cells[i] == null ? "" : cells[i]);
			if (FormulaEscaping.isFormulaLike(cells[i])) {
				cell.setCellStyle(asText);
			}
		}
	}

	private static String[] escaped(String[] cells) {
		String[] escaped = new String[cells.length];
		for (int i = 0; i < cells.length; i++) {
			escaped[i] = FormulaEscaping.escape(cells[i]);
		}
		return escaped;
	}
}
