package io.github.campaignbatch.input;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes {@code input-samples/clean-campaigns.xlsx}, the demo workbook: two campaigns for
 * {@code demo-account} with the cell kinds real spreadsheets have, namely real date cells, IMEIs typed as
 * numbers, one list cell of IMEIs typed as text, and a blank row. Run it again after changing it, from the
 * project directory:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
 *     io.github.campaignbatch.input.SampleWorkbookGenerator input-samples/clean-campaigns.xlsx
 * </pre>
 * or run {@link #main(String[])} from the IDE. Everything in the file is fixed, document dates and zip entry
 * times included, so running it again gives the same bytes unless the code (or POI) changed.
 */
public final class SampleWorkbookGenerator {

	static final String DEFAULT_OUTPUT = "input-samples/clean-campaigns.xlsx";

	static final String[] HEADER = { "Account", "Campaign Name", "File Name", "File Version", "Distribution Type",
			"Start Date", "End Date", "Download After Date", "Install After Date", "Download Time Windows",
			"Install Time Windows", "IMEI", "Time Zone" };

	/** The date the document says it was created, so that each run writes the same properties. */
	private static final Date CREATED = new Date(1_893_456_000_000L);

	private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2030, 1, 1, 0, 0);

	private SampleWorkbookGenerator() {
	}

	/** Writes the sample to the path given as the only argument, or to {@value #DEFAULT_OUTPUT}. */
	public static void main(String[] args) throws IOException {
		Path output = Path.of((args.length > 0) ? args[0] : DEFAULT_OUTPUT);
		write(output);
		System.out.println("wrote " + output.toAbsolutePath());
	}

	static void write(Path output) throws IOException {
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			workbook.getProperties().getCoreProperties().setCreator("campaign-batch");
			workbook.getProperties().getCoreProperties().setCreated(Optional.of(CREATED));
			new Writer(workbook).writeCampaigns();
			workbook.write(written);
		}
		if (output.getParent() != null) {
			Files.createDirectories(output.getParent());
		}
		try (OutputStream out = Files.newOutputStream(output)) {
			withFixedEntryTimes(written.toByteArray(), out);
		}
	}

	/** Copies the workbook's zip with a fixed time on every entry; POI stamps them with the current time. */
	private static void withFixedEntryTimes(byte[] zip, OutputStream target) throws IOException {
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
				ZipOutputStream out = new ZipOutputStream(target)) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				ZipEntry copy = new ZipEntry(entry.getName());
				copy.setTimeLocal(ENTRY_TIME);
				out.putNextEntry(copy);
				in.transferTo(out);
				out.closeEntry();
			}
		}
	}

	private static final class Writer {

		private static final int IMEI_COLUMN = 11;

		private final Sheet sheet;

		private final CellStyle headerStyle;

		private final CellStyle dateStyle;

		private final CellStyle wholeNumberStyle;

		private int nextRow;

		Writer(XSSFWorkbook workbook) {
			this.sheet = workbook.createSheet("Campaigns");
			Font bold = workbook.createFont();
			bold.setBold(true);
			this.headerStyle = workbook.createCellStyle();
			this.headerStyle.setFont(bold);
			this.dateStyle = workbook.createCellStyle();
			this.dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
			// Excel would show a 15-digit number as 3.53457E+14 in the General format
			this.wholeNumberStyle = workbook.createCellStyle();
			this.wholeNumberStyle.setDataFormat(workbook.createDataFormat().getFormat("0"));
		}

		void writeCampaigns() {
			Row header = this.sheet.createRow(this.nextRow++);
			for (int i = 0; i < HEADER.length; i++) {
				Cell cell = header.createCell(i);
				cell.setCellValue(HEADER[i]);
				cell.setCellStyle(this.headerStyle);
				this.sheet.setColumnWidth(i, 22 * 256);
			}
			this.sheet.setColumnWidth(IMEI_COLUMN, 52 * 256);
			this.sheet.createFreezePane(0, 1);

			for (long imei : new long[] { 353456789012348L, 353456789012355L, 353456789012363L }) {
				imei(gatewayRow(), imei);
			}
			text(gatewayRow(), IMEI_COLUMN, "353456789012371;353456789012389, 353456789012397");

			imei(sensorRow(), 353456789012405L);
			blankRow();
			imei(sensorRow(), 353456789012413L);
		}

		private void imei(Row row, long imei) {
			Cell cell = row.createCell(IMEI_COLUMN);
			cell.setCellValue(imei);
			cell.setCellStyle(this.wholeNumberStyle);
		}

		private Row gatewayRow() {
			Row row = this.sheet.createRow(this.nextRow++);
			text(row, 0, "demo-account");
			text(row, 1, "Gateway config 7");
			text(row, 2, "gateway-cfg-7.json");
			text(row, 3, "7.0");
			text(row, 4, "HTTP");
			date(row, 5, LocalDate.of(2030, 2, 1));
			date(row, 6, LocalDate.of(2030, 2, 28));
			date(row, 7, LocalDate.of(2030, 2, 1));
			date(row, 8, LocalDate.of(2030, 2, 2));
			text(row, 9, "1-5");
			text(row, 10, "2-4;22-24");
			return row;
		}

		private Row sensorRow() {
			Row row = this.sheet.createRow(this.nextRow++);
			text(row, 0, "demo-account");
			// no campaign name: the job makes one up
			text(row, 2, "sensor-fw-1.9.0.bin");
			text(row, 3, "1.9.0");
			// lower case on purpose: the job must accept it
			text(row, 4, "oma");
			date(row, 5, LocalDate.of(2030, 3, 1));
			date(row, 6, LocalDate.of(2030, 3, 31));
			return row;
		}

		/** A row whose cells are formatted but empty, as a row cleared in Excel is; readers must skip it. */
		private void blankRow() {
			Row row = this.sheet.createRow(this.nextRow++);
			for (int i = 0; i < HEADER.length; i++) {
				row.createCell(i).setCellStyle(this.dateStyle);
			}
		}

		private static void text(Row row, int column, String value) {
			row.createCell(column).setCellValue(value);
		}

		private void date(Row row, int column, LocalDate value) {
			Cell cell = row.createCell(column);
			cell.setCellValue(value);
			cell.setCellStyle(this.dateStyle);
		}
	}
}
