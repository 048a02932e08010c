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
import java.util.OptionalLong;
import java.util.function.LongConsumer;

import com.opencsv.CSVWriterBuilder;
import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.output.TerminalText;
import io.github.campaignbatch.output.UnsafeTargetException;
import com.opencsv.ICSVWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the results report of a job instance: CSV by default, XLSX (a summary sheet per campaign with a chart,
 * then the devices, streamed) when the path ends in {@code .xlsx}. The file is written beside its target and moved into
 * place at the end, so a failure (a full disk, say) never leaves half a report where a good one is expected.
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
	 * @param progress told the number of lines written so far, as they are written: after each line, or at once when
	 * the staging engine wrote them all (still before the report is moved into place)
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

	/**
	 * The staging engine writes the CSV report itself (a million lines in a second, against five one by one through
	 * Java); the Java writer below is the reference it equals byte for byte, and writes what the SQL cannot state
	 * exactly ({@link ResultsRepository#copyCsv}).
	 */
	private long writeCsv(long jobInstanceId, Path file, LongConsumer progress) throws IOException {
		boolean waves = this.results.hasWaves(jobInstanceId);
		OptionalLong copied = this.results.copyCsv(jobInstanceId, file, waves, progress);
		return copied.isPresent() ? copied.getAsLong() : writeCsvLineByLine(jobInstanceId, file, waves, progress);
	}

	/** The CSV report written by Java, one line at a time; the reference for {@link #writeCsv}. */
	long writeCsvLineByLine(long jobInstanceId, Path file, boolean waves, LongConsumer progress) throws IOException {
		long[] lines = { 0 };
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("\n").build()) {
			csv.writeNext(ReportLine.header(waves), false);
			this.results.forEachLine(jobInstanceId, line -> {
				csv.writeNext(escaped(line.cells(waves)), false);
				progress.accept(++lines[0]);
			});
			csv.flush();
			if (csv.checkError()) {
				throw new IOException("the report could not be written completely (disk full?)");
			}
		}
		return lines[0];
	}

	/**
	 * A summary sheet first (see {@link SummarySheet}), then the devices: typed cells (row number, time of the
	 * device status), a frozen header and a filter on every column.
	 */
	private long writeXlsx(long jobInstanceId, Path file, LongConsumer progress) throws IOException {
		long[] lines = { 0 };
		XSSFWorkbook template = new XSSFWorkbook();
		List<CampaignSummary> campaigns = new ArrayList<>();
		this.results.forEachCampaignSummary(jobInstanceId, campaigns::add);
		SummarySheet.write(template, campaigns, this.results.outcomeCounts(jobInstanceId));
		SXSSFWorkbook workbook = new SXSSFWorkbook(template, XLSX_WINDOW);
		workbook.setCompressTempFiles(true);
		CellStyle timestamp = workbook.createCellStyle();
		timestamp.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
		XlsxText text = XlsxText.printable(workbook);
		boolean waves = this.results.hasWaves(jobInstanceId);
		String[] header = ReportLine.header(waves);
		try (OutputStream out = Files.newOutputStream(file)) {
			SXSSFSheet[] devices = { deviceSheet(workbook, "devices", header) };
			this.results.forEachLine(jobInstanceId, line -> {
				long index = lines[0]++;
				int rowInSheet = (int) (index % XLSX_ROWS_PER_SHEET) + 1;
				if (index > 0 && rowInSheet == 1) {
					finish(devices[0], XLSX_ROWS_PER_SHEET, header);
					devices[0] = deviceSheet(workbook, "devices-" + (index / XLSX_ROWS_PER_SHEET + 1), header);
				}
				Row row = devices[0].createRow(rowInSheet);
				String[] cells = line.cells(waves);
				if (line.row() > 0) {
					row.createCell(0).setCellValue(line.row());
				}
				for (int i = 1; i < cells.length - 1; i++) {
					text.set(row.createCell(i), cells[i]);
				}
				if (line.statusAt() != null) {
					Cell at = row.createCell(cells.length - 1);
					at.setCellValue(LocalDateTime.ofInstant(line.statusAt(), ZoneOffset.UTC));
					at.setCellStyle(timestamp);
				}
				progress.accept(lines[0]);
			});
			long inLastSheet = lines[0] == 0 ? 0 : (lines[0] - 1) % XLSX_ROWS_PER_SHEET + 1;
			finish(devices[0], (int) inLastSheet, header);
			workbook.write(out);
		}
		finally {
			workbook.close();
		}
		return lines[0];
	}

	private static SXSSFSheet deviceSheet(SXSSFWorkbook workbook, String name, String[] header) {
		SXSSFSheet sheet = workbook.createSheet(name);
		appendRow(sheet, 0, header);
		sheet.createFreezePane(0, 1);
		return sheet;
	}

	private static void finish(SXSSFSheet sheet, int dataRows, String[] header) {
		sheet.setAutoFilter(new CellRangeAddress(0, Math.max(dataRows, 1), 0, header.length - 1));
	}

	private static void appendRow(Sheet sheet, int index, String[] cells) {
		Row row = sheet.createRow(index);
		for (int i = 0; i < cells.length; i++) {
			Cell cell = row.createCell(i);
			cell.setCellValue(cells[i] == null ? "" : cells[i]);
		}
	}

	/**
	 * A line's cells as the CSV report shows them: a control or format character from the input or the vendor (an
	 * escape sequence in a rejected row's cell) shown as in a terminal ({@link TerminalText#clean}), so that
	 * {@code cat report.csv} runs nothing; then kept from running as a formula.
	 */
	private static String[] escaped(String[] cells) {
		String[] escaped = new String[cells.length];
		for (int i = 0; i < cells.length; i++) {
			escaped[i] = FormulaEscaping.escape(TerminalText.clean(cells[i]));
		}
		return escaped;
	}
}
