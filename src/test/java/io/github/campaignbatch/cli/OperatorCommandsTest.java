package io.github.campaignbatch.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.input.RowSource;
import io.github.campaignbatch.input.RowSources;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands an operator uses around runs: status, report and template.
 */
@Tag("database")
class OperatorCommandsTest {

	@TempDir
	Path work;

	@Test
	void statusListsExecutionsNewestFirstWithDevicesPerOutcome() {
		CommandRunner runner = new CommandRunner(this.work);
		runner.run("validate", "--input", "input-samples/clean-campaigns.csv", "--account", "ACC", "--today", "2026-01-01",
				"--report", this.work.resolve("a.csv").toString());
		runner.run("validate", "--input", "input-samples/mistakes.csv", "--account", "ACC", "--today", "2026-01-01",
				"--report", this.work.resolve("b.csv").toString());

		Result status = runner.run("status");

		assertThat(status.exitCode()).as(status.toString()).isZero();
		String[] lines = status.out().strip().split("\\R");
		assertThat(lines).hasSize(3);
		assertThat(lines[1]).startsWith("2 ").contains("mistakes.csv (dry run)").contains("COMPLETED").contains("INVALID=11");
		assertThat(lines[2]).startsWith("1 ").contains("clean-campaigns.csv").contains("PLANNED=13");
	}

	@Test
	void reportRegeneratesAPastExecutionsReport() throws Exception {
		CommandRunner runner = new CommandRunner(this.work);
		Path original = this.work.resolve("original.csv");
		// A real run: a dry run's rows are not kept once its report is written (RetentionTest).
		runner.run("run", "--simulate", "--input", "input-samples/mistakes.csv", "--account", "ACC", "--today",
				"2026-01-01", "--report", original.toString());

		Path again = this.work.resolve("again.csv");
		Result result = runner.run("report", "--execution", "1", "--output", again.toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(Files.readAllLines(again)).isEqualTo(Files.readAllLines(original));
	}

	@Test
	void reportOfAnUnknownExecutionIsAUsageError() {
		Result result = new CommandRunner(this.work).run("report", "--execution", "42");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("no execution 42");
	}

	@Test
	void xlsxTemplateHasTheHeadersADropDownTextImeisAndInstructions() throws Exception {
		Path template = this.work.resolve("template.xlsx");

		Result result = new CommandRunner(this.work).run("template", "--output", template.toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		try (InputStream in = Files.newInputStream(template); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			XSSFSheet sheet = workbook.getSheet("campaigns");
			assertThat(sheet.getRow(0).getCell(Column.IMEI.ordinal()).getStringCellValue()).isEqualTo("imei");
			assertThat(sheet.getDataValidations()).singleElement()
				.satisfies(validation -> assertThat(validation.getValidationConstraint().getExplicitListValues())
					.containsExactly("HTTP", "OMA"));
			assertThat(sheet.getColumnStyle(Column.IMEI.ordinal()).getDataFormatString()).isEqualTo("@");
			assertThat(workbook.getSheet("instructions").getRow(0).getCell(0).getStringCellValue()).contains("How to fill");
		}
		try (RowSource source = RowSources.open(template)) {
			assertThat(source.columns()).containsExactlyInAnyOrder(Column.values());
			assertThat(source.next()).as("a blank template has no data rows").isNull();
		}
	}

	@Test
	void csvTemplateIsTheHeaderLine() throws Exception {
		Path template = this.work.resolve("template.csv");

		new CommandRunner(this.work).run("template", "--output", template.toString());

		assertThat(Files.readAllLines(template)).containsExactly("account,campaignName,fileName,fileVersion,distributionType,"
				+ "startDate,endDate,downloadAfterDate,installAfterDate,downloadTimeWindows,installTimeWindows,imei,timeZone");
	}
}
