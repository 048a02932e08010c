package io.github.campaignbatch.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: a rejected row's cells come back in the results report, and {@code cat report.csv} ran the terminal
 * escapes they held. The results reports show such characters as the terminal does; {@code report --rejected}, which
 * is for fixing the rows and reading them again, keeps them.
 */
class ReportControlCharactersTest {

	/** An OSC sequence that retitles the terminal window, between BEL and ESC, and a bidirectional override. */
	private static final String HOSTILE = "x\u001b]0;pwned\u0007y\u202e";

	@TempDir
	Path work;

	@Test
	void theResultsReportsShowControlCharactersAsTheTerminalDoesAndTheRejectsExportKeepsThem() throws IOException {
		Path input = Files.writeString(this.work.resolve("in.csv"), "account,campaignName,fileName,fileVersion,"
				+ "distributionType,startDate,endDate,imei\n"
				+ "ACC,Wave 1,fw.bin,1.0,HTTP,2030-01-15,2030-02-15,352099000000014\n"
				+ "ACC,Wave " + HOSTILE + ",fw.bin,1.0,HTTP,2030-01-15,2030-02-15,352099000000022\n");
		CommandRunner runner = new CommandRunner(this.work);
		Path csv = this.work.resolve("report.csv");
		Path xlsx = this.work.resolve("report.xlsx");

		Result run = runner.run("run", "--simulate", "--input", input.toString(), "--account", "ACC", "--today",
				"2026-01-01", "--report", csv.toString());
		Result report = runner.run("report", "--execution", "1", "--output", xlsx.toString());
		Result rejects = runner.run("report", "--execution", "1", "--rejected", "--input", input.toString(), "--output",
				this.work.resolve("fix.csv").toString());

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
		assertThat(report.exitCode()).as(report.toString()).isZero();
		assertThat(rejects.exitCode()).as(rejects.toString()).isZero();
		String text = Files.readString(csv, StandardCharsets.UTF_8);
		assertThat(text.replace("\n", "").codePoints()).as(text).noneMatch(c -> Character.getType(c) == Character.CONTROL
				|| Character.getType(c) == Character.FORMAT);
		assertThat(text).contains(",Wave x?]0;pwned?y?,").contains("CONTROL_CHARACTER");
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(xlsx))) {
			Sheet devices = workbook.getSheet("devices");
			List<String> names = new java.util.ArrayList<>();
			for (Row row : devices) {
				names.add(row.getCell(3).getStringCellValue());
			}
			assertThat(names).contains("Wave x?]0;pwned?y?");
		}
		assertThat(Files.readString(this.work.resolve("fix.csv"), StandardCharsets.UTF_8)).as("the row's own value, to fix")
			.contains("Wave " + HOSTILE);
	}
}
