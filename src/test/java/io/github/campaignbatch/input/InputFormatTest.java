package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.campaignbatch.input.TestFiles.REQUIRED_HEADER;
import static io.github.campaignbatch.input.TestFiles.bytes;
import static io.github.campaignbatch.input.TestFiles.readAll;
import static io.github.campaignbatch.input.TestFiles.row;
import static io.github.campaignbatch.input.TestFiles.text;
import static io.github.campaignbatch.input.TestFiles.workbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** File-level checks made before any parsing: existence, extension and what the bytes really are. */
class InputFormatTest {

	private static final String EXPECTED_COLUMNS = "fileName, fileVersion, distributionType, startDate, endDate, imei "
			+ "(optional: account, campaignName, downloadAfterDate, installAfterDate, downloadTimeWindows, "
			+ "installTimeWindows, timeZone)";

	@TempDir
	Path dir;

	@Test
	void aMissingFileIsNamedWithTheFullPathLookedFor() {
		Path file = this.dir.resolve("nope.csv");

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("nope.csv: file not found (looked for " + file.toAbsolutePath()
					+ "): check the path and the file name");
	}

	@Test
	void aDirectoryIsNotAFile() throws IOException {
		Path folder = Files.createDirectory(this.dir.resolve("campaigns.csv"));

		assertThatThrownBy(() -> readAll(folder))
			.hasMessage("campaigns.csv: is a directory, not a file: give the path of a .csv or .xlsx file");
	}

	@Test
	void anUnreadableFileSaysSo() throws IOException {
		assumeFalse("root".equals(System.getProperty("user.name")), "root can read any file");
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));

		assertThatThrownBy(() -> readAll(file))
			.hasMessage("campaigns.csv: cannot be read (permission denied): check the file's permissions");
	}

	@Test
	void emptyFilesOfEitherFormatAskForAHeaderRow() {
		Path csv = bytes(this.dir, "campaigns.csv", new byte[0]);
		Path xlsx = bytes(this.dir, "campaigns.xlsx", new byte[0]);
		Path blank = text(this.dir, "blank.csv", "\uFEFF\r\n  \r\n,,,\r\n");

		assertThatThrownBy(() -> readAll(csv)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.csv: is empty: the first row must be a header row with columns " + EXPECTED_COLUMNS);
		assertThatThrownBy(() -> readAll(xlsx)).hasMessageStartingWith("campaigns.xlsx: is empty:");
		assertThatThrownBy(() -> readAll(blank)).hasMessageStartingWith("blank.csv: is empty:");
	}

	@Test
	void anXlsxSheetWithoutRowsIsEmpty() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> wb.createSheet("Data"));

		assertThatThrownBy(() -> readAll(file)).hasMessage("campaigns.xlsx: is empty (sheet 'Data' has no rows): the "
				+ "first row must be a header row with columns " + EXPECTED_COLUMNS);
	}

	@Test
	void legacyXlsFilesAreRefusedWithAdvice() throws IOException {
		Path file = legacyWorkbook("old.xls");

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("old.xls: legacy .xls (Excel 97-2003) files are not supported: "
					+ "open it in Excel and save as .xlsx or .csv");
	}

	@Test
	void aLegacyXlsRenamedToXlsxIsRecognised() throws IOException {
		Path file = legacyWorkbook("old.xlsx");

		assertThatThrownBy(() -> readAll(file)).hasMessage(
				"old.xlsx: is a legacy .xls (Excel 97-2003) workbook named .xlsx: open it in Excel and save as .xlsx");
	}

	@Test
	void anXlsxNamedXlsIsToldToBeRenamed() {
		Path file = workbook(this.dir.resolve("new.xls"), (wb) -> wb.createSheet());

		assertThatThrownBy(() -> readAll(file)).hasMessage("new.xls: is an XLSX file with a .xls name: rename it to .xlsx");
	}

	@Test
	void csvTextNamedXlsxIsToldToBeRenamed() {
		Path file = text(this.dir, "campaigns.xlsx", REQUIRED_HEADER + "\n");

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.xlsx: is not an XLSX file (its content is text, probably CSV): rename it to .csv");
	}

	@Test
	void aWorkbookNamedCsvIsToldToBeRenamed() {
		Path file = workbook(this.dir.resolve("campaigns.csv"), (wb) -> row(wb.createSheet(), 0, "fileName"));

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.csv: is an XLSX/zip file, not CSV text: rename it to .xlsx");
	}

	@Test
	void aBinaryExcelFileNamedCsvIsRefused() throws IOException {
		Path file = legacyWorkbook("campaigns.csv");

		assertThatThrownBy(() -> readAll(file)).hasMessageStartingWith(
				"campaigns.csv: is a binary Excel file (legacy .xls or password-protected), not CSV text");
	}

	@Test
	void otherExtensionsAreUnsupported() {
		Path tsv = text(this.dir, "campaigns.tsv", "fileName\timei\n");
		Path none = text(this.dir, "campaigns", REQUIRED_HEADER + "\n");

		assertThatThrownBy(() -> readAll(tsv)).hasMessage("campaigns.tsv: unsupported file type '.tsv': use .csv or .xlsx");
		assertThatThrownBy(() -> readAll(none)).hasMessage("campaigns: has no file extension: use .csv or .xlsx");
	}

	@Test
	void extensionsAreMatchedIgnoringCaseAndTxtIsCsv() {
		String content = REQUIRED_HEADER + "\nfw.bin,1.0,HTTP,2030-01-01,2030-01-31,353456789012348\n";

		assertThat(readAll(text(this.dir, "CAMPAIGNS.CSV", content))).hasSize(1);
		assertThat(readAll(text(this.dir, "campaigns.txt", content))).hasSize(1);
		assertThat(readAll(workbook(this.dir.resolve("CAMPAIGNS.XLSX"), (wb) -> {
			row(wb.createSheet(), 0, "fileName", "fileVersion", "distributionType", "startDate", "endDate", "imei");
			row(wb.getSheetAt(0), 1, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", "353456789012348");
		}))).hasSize(1);
	}

	@Test
	void garbageNamedXlsxIsNotTakenForText() {
		Path file = bytes(this.dir, "campaigns.xlsx", new byte[] { 0, 1, 2, 3, 4, 5, (byte) 0x89, 'P', 'N', 'G' });

		assertThatThrownBy(() -> readAll(file)).hasMessage(
				"campaigns.xlsx: is not an XLSX file (its content is neither a workbook nor text): re-save it from Excel as .xlsx");
	}

	private Path legacyWorkbook(String name) throws IOException {
		Path file = this.dir.resolve(name);
		try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			workbook.createSheet("Data").createRow(0).createCell(0).setCellValue("fileName");
			workbook.write(out);
		}
		return file;
	}
}
