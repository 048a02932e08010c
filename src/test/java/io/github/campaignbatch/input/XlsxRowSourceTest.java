package io.github.campaignbatch.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.campaignbatch.input.TestFiles.readAll;
import static io.github.campaignbatch.input.TestFiles.readAllBytes;
import static io.github.campaignbatch.input.TestFiles.replaceEntry;
import static io.github.campaignbatch.input.TestFiles.inlineRow;
import static io.github.campaignbatch.input.TestFiles.row;
import static io.github.campaignbatch.input.TestFiles.workbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

class XlsxRowSourceTest {

	private static final Object[] HEADER = { "fileName", "fileVersion", "distributionType", "startDate", "endDate",
			"imei" };

	private static final String SHEET_XML = "xl/worksheets/sheet1.xml";

	private static final String SHEET_XML_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
			+ "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";

	@TempDir
	Path dir;

	@Test
	void numericImeiCellsKeepEveryDigit() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 0, HEADER);
			row(sheet, 1, "fw.bin", 7.0, "HTTP", "2030-01-01", "2030-01-31", 353456789012348d);
			row(sheet, 2, "fw.bin", 1.25, "HTTP", "2030-01-01", "2030-01-31", 0.1);
			row(sheet, 3, "fw.bin", -3, "HTTP", "2030-01-01", "2030-01-31", 1.5e20);
		});

		assertThat(readAll(file)).extracting((r) -> r.get(Column.FILE_VERSION), (r) -> r.get(Column.IMEI))
			.containsExactly(tuple("7", "353456789012348"), tuple("1.25", "0.1"),
					tuple("-3", "150000000000000000000"));
	}

	@Test
	void versionsInNumberCellsAreNamedOnceForTheFileWithTheFirstRow() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 0, HEADER);
			row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", "353456789012348");
			row(sheet, 2, "fw.bin", 1.0, "HTTP", "2030-01-01", "2030-01-31", "353456789012348");
			row(sheet, 3, "fw.bin", 2.5, "HTTP", "2030-01-01", "2030-01-31", "353456789012348");
		});

		try (RowSource rows = RowSources.open(file, ReadOptions.defaults())) {
			while (rows.next() != null) {
				// read to the end, as the load step does
			}
			assertThat(rows.readingWarning()).isEqualTo("campaigns.xlsx: 2 fileVersion cell(s) hold a number, not text"
					+ " (first: row 3, read as '1'); a number keeps no trailing zero (1.0 is stored as 1), so check that"
					+ " the versions read are the ones meant, or format the fileVersion column as Text and type them again");
		}
	}

	@Test
	void textVersionsGiveNoReadingWarning() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 0, HEADER);
			row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", 353456789012348d);
		});

		try (RowSource rows = RowSources.open(file, ReadOptions.defaults())) {
			while (rows.next() != null) {
				// read to the end
			}
			assertThat(rows.readingWarning()).isNull();
		}
	}

	@Test
	void numericCellsReadAsTheirNumberFormatShowsThem() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 0, HEADER);
			Row row = row(sheet, 1, "fw.bin", 2.1, "HTTP", "2030-01-01", "2030-01-31", 12345678901237d);
			row.getCell(1).setCellStyle(style(wb, "0.00"));
			row.getCell(5).setCellStyle(style(wb, "000000000000000"));
			row = row(sheet, 2, "fw.bin", 2.1, "HTTP", "2030-01-01", "2030-01-31", 12345678901237d);
			// the built-in 0.00 (numFmtId 2), which Excel and LibreOffice save without a format string
			row.getCell(1).setCellStyle(builtIn(wb, 2));
			row.getCell(5).setCellStyle(style(wb, "00-000000-000000-0"));
		});

		assertThat(readAll(file)).extracting((r) -> r.get(Column.FILE_VERSION), (r) -> r.get(Column.IMEI))
			.containsExactly(tuple("2.10", "012345678901237"), tuple("2.10", "01-234567-890123-7"));
	}

	/**
	 * A sheet as Excel and LibreOffice Calc save it: text in the shared-strings table, number formats in the styles
	 * part (built-in ids without a format string, custom ones from 164), a leading-zero IMEI kept by a zero-padded
	 * format, a version shown as 2.10, a date under a built-in date format and one under LibreOffice's upper-case
	 * {@code DD.MM.YYYY}, and a copied value with non-breaking spaces around it.
	 */
	@Test
	void aWorkbookWithSharedStringsAndNumberFormatsReadsAsShown() throws IOException {
		String[] header = { "fileName", "fileVersion", "distributionType", "startDate", "endDate", "imei" };
		String[] strings = { header[0], header[1], header[2], header[3], header[4], header[5], "fw.bin", "HTTP",
				"\u00A0353456789012348\u202F", "2030-01-31" };
		StringBuilder sst = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
				+ "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"12\" uniqueCount=\""
				+ strings.length + "\">");
		for (String text : strings) {
			sst.append("<si><t xml:space=\"preserve\">").append(text).append("</t></si>");
		}
		sst.append("</sst>");
		String styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
				+ "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
				+ "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"000000000000000\"/>"
				+ "<numFmt numFmtId=\"165\" formatCode=\"DD.MM.YYYY\"/></numFmts>"
				+ "<fonts count=\"1\"><font><sz val=\"10\"/><name val=\"Arial\"/></font></fonts>"
				+ "<fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>"
				+ "<borders count=\"1\"><border/></borders>"
				+ "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
				+ "<cellXfs count=\"5\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
				+ "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
				+ "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
				+ "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
				+ "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
				+ "</cellXfs></styleSheet>";
		StringBuilder sheet = new StringBuilder(SHEET_XML_START).append("<row r=\"1\">");
		for (int i = 0; i < header.length; i++) {
			sheet.append("<c r=\"").append(Messages.columnLetter(i)).append("1\" t=\"s\"><v>").append(i).append("</v></c>");
		}
		// dates are day numbers (47152 is 2029-02-03); numbers are written as their shortest decimal
		sheet.append("</row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>6</v></c><c r=\"B2\" s=\"2\"><v>2.1</v></c>"
				+ "<c r=\"C2\" t=\"s\"><v>7</v></c><c r=\"D2\" s=\"3\"><v>47152</v></c><c r=\"E2\" s=\"4\"><v>47181</v></c>"
				+ "<c r=\"F2\" s=\"1\"><v>12345678901237</v></c></row>"
				+ "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>6</v></c><c r=\"B3\"><v>7</v></c><c r=\"C3\" t=\"s\"><v>7</v></c>"
				+ "<c r=\"D3\" t=\"s\"><v>9</v></c><c r=\"E3\" t=\"s\"><v>9</v></c><c r=\"F3\" t=\"s\"><v>8</v></c></row>"
				+ "</sheetData></worksheet>");
		Path base = workbook(this.dir.resolve("base.xlsx"), (wb) -> {
			row(wb.createSheet("Data"), 0, "placeholder");
		});
		Path withStrings = replaceEntry(base, this.dir.resolve("strings.xlsx"), "xl/sharedStrings.xml",
				sst.toString().getBytes(StandardCharsets.UTF_8));
		Path withStyles = replaceEntry(withStrings, this.dir.resolve("styles.xlsx"), "xl/styles.xml",
				styles.getBytes(StandardCharsets.UTF_8));
		Path file = replaceEntry(withStyles, this.dir.resolve("campaigns.xlsx"), SHEET_XML,
				sheet.toString().getBytes(StandardCharsets.UTF_8));

		assertThat(readAll(file)).extracting((r) -> r.get(Column.FILE_NAME), (r) -> r.get(Column.FILE_VERSION),
				(r) -> r.get(Column.START_DATE), (r) -> r.get(Column.END_DATE), (r) -> r.get(Column.IMEI))
			.containsExactly(tuple("fw.bin", "2.10", "2029-02-03", "2029-03-04", "012345678901237"),
					tuple("fw.bin", "7", "2030-01-31", "2030-01-31", "353456789012348"));
	}

	@Test
	void dateCellsBecomeIsoDatesWhateverTheirFormatAndTime() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 0, HEADER);
			Row row = row(sheet, 1, "fw.bin", "1.0", "HTTP", LocalDate.of(2030, 2, 1),
					LocalDateTime.of(2030, 2, 28, 23, 59), "353456789012348");
			row.getCell(3).setCellStyle(TestFiles.dateStyle(wb, "d/m/yy"));
		});

		assertThat(readAll(file)).singleElement().satisfies((row) -> {
			assertThat(row.get(Column.START_DATE)).isEqualTo("2030-02-01");
			assertThat(row.get(Column.END_DATE)).isEqualTo("2030-02-28");
		});
	}

	@Test
	void formulaCellsGiveTheirCachedValues() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 0, "fileName", "fileVersion", "distributionType", "startDate", "endDate", "imei", "account",
					"campaignName");
			Row row = row(sheet, 1, "fw.bin", null, null, null, null, null, null, null);
			formula(row, 1, "\"1.\"&\"0\"").setCellValue("1.0");
			formula(row, 2, "UPPER(\"http\")").setCellValue("HTTP");
			formula(row, 3, "DATE(2030,2,1)").setCellValue(LocalDate.of(2030, 2, 1));
			row.getCell(3).setCellStyle(TestFiles.dateStyle(wb, "yyyy-mm-dd"));
			formula(row, 4, "VLOOKUP(\"x\",Z1:Z2,1,FALSE)").setCellErrorValue(FormulaError.NA.getCode());
			formula(row, 5, "353456789012347+1").setCellValue(353456789012348d);
			formula(row, 6, "TRUE()").setCellValue(true);
			formula(row, 7, "A1&\"x\"");
		});

		assertThat(readAll(file)).singleElement().satisfies((row) -> {
			assertThat(row.get(Column.FILE_VERSION)).isEqualTo("1.0");
			assertThat(row.get(Column.DISTRIBUTION_TYPE)).isEqualTo("HTTP");
			assertThat(row.get(Column.START_DATE)).isEqualTo("2030-02-01");
			assertThat(row.get(Column.END_DATE)).isEqualTo("#N/A");
			assertThat(row.get(Column.IMEI)).isEqualTo("353456789012348");
			assertThat(row.get(Column.ACCOUNT)).isEqualTo("TRUE");
			assertThat(row.get(Column.CAMPAIGN_NAME)).as("formula without a cached value").isEmpty();
		});
	}

	@Test
	void errorAndBooleanCellsGiveExcelsText() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 0, HEADER);
			Row row = row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", false, null);
			row.createCell(5).setCellErrorValue(FormulaError.DIV0.getCode());
		});

		assertThat(readAll(file)).singleElement().satisfies((row) -> {
			assertThat(row.get(Column.END_DATE)).isEqualTo("FALSE");
			assertThat(row.get(Column.IMEI)).isEqualTo("#DIV/0!");
		});
	}

	@Test
	void blankRowsAreSkippedButKeepTheirNumbers() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 2, HEADER);
			row(sheet, 3, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", 353456789012348d);
			CellStyle yellow = wb.createCellStyle();
			yellow.setFillForegroundColor((short) 13);
			Row formatted = sheet.createRow(4);
			for (int i = 0; i < 8; i++) {
				formatted.createCell(i).setCellStyle(yellow);
			}
			row(sheet, 5, "", " ", null, null, null, null);
			row(sheet, 8, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", 353456789012355d);
		});

		assertThat(readAll(file)).extracting(InputRow::rowNumber).containsExactly(4L, 9L);
	}

	@Test
	void headerCellsMayHaveGapsAndRowsMayBeRagged() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 0, "fileName", null, "fileVersion", "distributionType", "startDate", "endDate", "imei", "Notes");
			row(sheet, 1, "fw.bin", "ignored", "1.0");
			row(sheet, 2, "fw.bin", null, "1.0", "HTTP", "2030-01-01", "2030-01-31", "353456789012348", "n", "beyond");
		});

		try (RowSource source = RowSources.open(file, ReadOptions.defaults())) {
			assertThat(source.unknownColumns()).containsExactly("Notes");
			InputRow shortRow = source.next();
			assertThat(shortRow.get(Column.FILE_VERSION)).isEqualTo("1.0");
			assertThat(shortRow.get(Column.IMEI)).isEmpty();
			assertThat(source.next().get(Column.IMEI)).isEqualTo("353456789012348");
			assertThat(source.next()).isNull();
		}
	}

	@Test
	void theFirstVisibleSheetIsReadByDefault() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			row(wb.createSheet("Lookups"), 0, "fileName", "imei");
			Sheet data = wb.createSheet("Data");
			row(data, 0, HEADER);
			row(data, 1, "visible.bin");
			wb.setSheetVisibility(0, SheetVisibility.HIDDEN);
		});

		assertThat(readAll(file)).extracting((r) -> r.get(Column.FILE_NAME)).containsExactly("visible.bin");
	}

	@Test
	void aNamedSheetIsReadEvenWhenHiddenAndNamesIgnoreCase() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet hidden = wb.createSheet("Old");
			row(hidden, 0, HEADER);
			row(hidden, 1, "old.bin");
			Sheet data = wb.createSheet("Data");
			row(data, 0, HEADER);
			row(data, 1, "data.bin");
			wb.setSheetVisibility(0, SheetVisibility.VERY_HIDDEN);
		});

		assertThat(readAll(file, new ReadOptions("Old"))).extracting((r) -> r.get(Column.FILE_NAME))
			.containsExactly("old.bin");
		assertThat(readAll(file, new ReadOptions("data"))).extracting((r) -> r.get(Column.FILE_NAME))
			.containsExactly("data.bin");
	}

	@Test
	void anUnknownSheetNameListsTheSheets() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			wb.createSheet("Campaigns");
			wb.createSheet("Lookups");
			wb.setSheetHidden(1, true);
		});

		assertThatThrownBy(() -> readAll(file, new ReadOptions("Sheet1"))).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.xlsx: has no sheet 'Sheet1'; sheets: Campaigns, Lookups (hidden)");
	}

	@Test
	void aCellLongerThanTheLimitIsRefusedByItsReference() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 0, HEADER);
			row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", "3".repeat(51));
		});

		assertThatThrownBy(() -> readAll(file, new ReadOptions(null, 50))).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.xlsx: cell F2 (imei) is longer than 50 characters: split its content over several rows");
	}

	@Test
	void aTruncatedWorkbookIsCorrupted() throws IOException {
		byte[] whole = readAllBytes(simpleWorkbook("whole.xlsx"));
		Path file = TestFiles.bytes(this.dir, "campaigns.xlsx", Arrays.copyOf(whole, whole.length / 2));

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.xlsx: is corrupted or incomplete (not a readable XLSX): re-save it from Excel")
			.hasCauseInstanceOf(IOException.class);
	}

	@Test
	void aZipThatIsNoWorkbookIsRefused() throws IOException {
		Path file = this.dir.resolve("campaigns.xlsx");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new ZipEntry("readme.txt"));
			zip.write("hello".getBytes(StandardCharsets.UTF_8));
		}

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class).hasMessage("campaigns.xlsx: is "
				+ "a zip archive but not an XLSX workbook (it has no [Content_Types].xml): save the sheet from Excel as .xlsx");
	}

	@Test
	void aWorkbookWithDamagedBytesIsCorrupted() {
		byte[] bytes = readAllBytes(simpleWorkbook("whole.xlsx"));
		for (int i = 200; i < bytes.length - 300; i++) {
			bytes[i] = (byte) i;
		}
		Path file = TestFiles.bytes(this.dir, "campaigns.xlsx", bytes);

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.xlsx: is corrupted or incomplete (not a readable XLSX): re-save it from Excel");
	}

	@Test
	void aFailurePartWayThroughTheSheetIsAnInputFileException() {
		StringBuilder xml = new StringBuilder(SHEET_XML_START).append(inlineRow(1, HEADER));
		for (int r = 2; r <= 300; r++) {
			xml.append(inlineRow(r, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", "353456789012348"));
		}
		xml.append("<row r=\"301\"><c r=\"A301\" <<< broken");
		Path file = replaceEntry(simpleWorkbook("whole.xlsx"), this.dir.resolve("campaigns.xlsx"), SHEET_XML,
				xml.toString().getBytes(StandardCharsets.UTF_8));

		try (RowSource source = RowSources.open(file, ReadOptions.defaults())) {
			assertThat(source.next().rowNumber()).isEqualTo(2);
			Throwable failure = catchThrowable(() -> {
				while (source.next() != null) {
					// read on until the broken part
				}
			});
			assertThat(failure).isInstanceOf(InputFileException.class)
				.hasMessageMatching("campaigns\\.xlsx: is corrupted or incomplete \\(not a readable XLSX; "
						+ "reading stopped after row \\d+\\): re-save it from Excel");
		}
	}

	@Test
	void anEncryptedWorkbookAsksForThePasswordToBeRemoved() throws Exception {
		Path plain = simpleWorkbook("plain.xlsx");
		Path file = TestFiles.encrypted(plain, this.dir.resolve("campaigns.xlsx"), "s3cret");

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.xlsx: is password-protected (encrypted): remove the password in Excel "
					+ "(File > Info > Protect Workbook) and save it again");
	}

	@Test
	void aZipBombIsRefused() {
		String xml = SHEET_XML_START + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + " ".repeat(5_000_000)
				+ "fileName</t></is></c></row></sheetData></worksheet>";
		Path file = replaceEntry(simpleWorkbook("whole.xlsx"), this.dir.resolve("campaigns.xlsx"), SHEET_XML,
				xml.getBytes(StandardCharsets.UTF_8));

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessageMatching("campaigns\\.xlsx: looks like a zip bomb \\(expands \\d+ times\\): refused");
	}

	@Test
	void externalEntitiesInSheetXmlAreNeverResolved() throws IOException {
		Path secret = Files.writeString(this.dir.resolve("secret.txt"), "TOP-SECRET");
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \""
				+ secret.toUri() + "\">]><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
				+ "<sheetData>" + inlineRow(1, HEADER) + inlineRow(2, "&xxe;", "1.0", "HTTP", "a", "b", "c")
				+ "</sheetData></worksheet>";
		Path file = replaceEntry(simpleWorkbook("whole.xlsx"), this.dir.resolve("campaigns.xlsx"), SHEET_XML,
				xml.getBytes(StandardCharsets.UTF_8));

		Throwable failure = catchThrowable(() -> assertThat(readAll(file)).allSatisfy(
				(row) -> assertThat(row.cells().values()).noneMatch((cell) -> cell.contains("TOP-SECRET"))));

		if (failure != null) {
			assertThat(failure).isInstanceOf(InputFileException.class);
			assertThat(failure.getMessage()).doesNotContain("TOP-SECRET");
		}
	}

	private Path simpleWorkbook(String name) {
		return workbook(this.dir.resolve(name), (wb) -> {
			Sheet sheet = wb.createSheet("Data");
			row(sheet, 0, HEADER);
			row(sheet, 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", 353456789012348d);
		});
	}

	private static CellStyle style(org.apache.poi.ss.usermodel.Workbook workbook, String format) {
		return TestFiles.dateStyle(workbook, format);
	}

	private static CellStyle builtIn(org.apache.poi.ss.usermodel.Workbook workbook, int formatId) {
		CellStyle style = workbook.createCellStyle();
		style.setDataFormat((short) formatId);
		return style;
	}

	private static Cell formula(Row row, int column, String formula) {
		Cell cell = row.createCell(column);
		cell.setCellFormula(formula);
		return cell;
	}
}
