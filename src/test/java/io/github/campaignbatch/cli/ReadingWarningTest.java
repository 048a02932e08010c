package io.github.campaignbatch.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version typed into a number cell (1.0 saved as the number 1) is valid row by row, so no row's error can say it;
 * the run says it once for the file (issue 21's paper cut: it passed silently). A process of its own: the warning is
 * a log line, which Spring sends to the console.
 */
class ReadingWarningTest {

	@TempDir
	Path work;

	@Test
	void validateWarnsOnceThatVersionsCameFromNumberCells() throws Exception {
		Path input = this.work.resolve("devices.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(input)) {
			Sheet sheet = workbook.createSheet("Data");
			String[] header = SampleInputs.HEADER.split(",");
			Row first = sheet.createRow(0);
			for (int i = 0; i < header.length; i++) {
				first.createCell(i).setCellValue(header[i]);
			}
			for (int r = 1; r <= 2; r++) {
				Row row = sheet.createRow(r);
				row.createCell(0).setCellValue("ACC");
				row.createCell(1).setCellValue("meters");
				row.createCell(2).setCellValue("meter-fw.bin");
				row.createCell(3).setCellValue(1.0);
				row.createCell(4).setCellValue("HTTP");
				row.createCell(5).setCellValue("2030-01-15");
				row.createCell(6).setCellValue("2030-02-15");
				row.createCell(7).setCellValue(SampleInputs.imei(r));
			}
			workbook.write(out);
		}

		Process validate = ChildJvm.withDatabase(this.work, TestDatabases.freshUrl(this.work))
			.start("validate", List.of("validate", "--input", input.toString(), "--account", "ACC", "--today", "2030-01-15"));

		assertThat(validate.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String printed = ChildJvm.output(this.work, "validate");
		assertThat(validate.exitValue()).as(printed).isZero();
		assertThat(printed.lines().filter(line -> line.contains("fileVersion cell(s) hold a number")))
			.singleElement().asString()
			.contains("WARN")
			.contains("devices.xlsx: 2 fileVersion cell(s) hold a number, not text (first: row 2, read as '1')");
	}
}
