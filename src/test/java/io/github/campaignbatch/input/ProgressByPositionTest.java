package io.github.campaignbatch.input;

import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.campaignbatch.input.TestFiles.row;
import static io.github.campaignbatch.input.TestFiles.workbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The load step's percentage comes from how far through the file the reader is, with no counting pass: bytes for
 * CSV, the row number against the sheet's declared last row for XLSX.
 */
class ProgressByPositionTest {

	private static final Object[] HEADER = { "fileName", "fileVersion", "distributionType", "startDate", "endDate",
			"imei" };

	@TempDir
	Path dir;

	@Test
	void anXlsxSourceTellsHowFarThroughTheSheetItIs() {
		Path file = workbook(this.dir.resolve("campaigns.xlsx"), (wb) -> {
			Sheet sheet = wb.createSheet();
			row(sheet, 0, HEADER);
			for (int i = 1; i <= 99; i++) {
				row(sheet, i, "fw.bin", "1.0", "HTTP", "2030-01-01", "2030-01-31", "353456789012348");
			}
		});
		try (RowSource source = RowSources.open(file)) {
			for (int i = 0; i < 49; i++) {
				source.next();
			}
			// row 50 of 100 (the header is row 1)
			assertThat(source.fractionRead()).isCloseTo(0.5, within(0.001));
			while (source.next() != null) {
				// to the end
			}
			assertThat(source.fractionRead()).isEqualTo(1.0);
		}
	}

	@Test
	void aCsvSourceTellsHowFarThroughTheFileItIs() {
		StringBuilder csv = new StringBuilder("fileName,fileVersion,distributionType,startDate,endDate,imei\n");
		for (int i = 0; i < 20_000; i++) {
			csv.append("fw.bin,1.0,HTTP,2030-01-01,2030-01-31,353456789012348\n");
		}
		Path file = TestFiles.text(this.dir, "campaigns.csv", csv.toString());
		try (RowSource source = RowSources.open(file)) {
			for (int i = 0; i < 10_000; i++) {
				source.next();
			}
			// the reader's buffers run a little ahead of the rows handed out
			assertThat(source.fractionRead()).isBetween(0.45, 0.6);
			while (source.next() != null) {
				// to the end
			}
			assertThat(source.fractionRead()).isEqualTo(1.0);
		}
	}

	@Test
	void theDeclaredLastRowIsReadFromTheSheetsDimension() {
		assertThat(XlsxDimension.lastRow("<worksheet><dimension ref=\"A1:M1048576\"/><sheetData>")).isEqualTo(1_048_576);
		assertThat(XlsxDimension.lastRow("<x:worksheet><x:dimension ref=\"B2:F40\"/>")).isEqualTo(40);
		assertThat(XlsxDimension.lastRow("<worksheet><dimension ref=\"A7\"/>")).isEqualTo(7);
		assertThat(XlsxDimension.lastRow("<worksheet><sheetData>")).isEqualTo(XlsxDimension.UNKNOWN);
	}
}
