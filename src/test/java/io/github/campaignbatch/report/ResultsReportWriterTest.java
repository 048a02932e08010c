package io.github.campaignbatch.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.campaignbatch.staging.StagingStore;
import io.github.campaignbatch.staging.TestStaging;
import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.support.TestDatabase;
import io.github.campaignbatch.validation.DateParser;
import io.github.campaignbatch.validation.RowValidator;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("database")
class ResultsReportWriterTest {

	private static final long JOB = 3;

	@TempDir
	Path work;

	private ResultsReportWriter writer;

	@BeforeEach
	void stage() throws Exception {
		JdbcTemplate jdbc = TestDatabase.freshTemplate();
		StagingStore store = TestStaging.store(jdbc, this.work.resolve("staging"));
		TestStaging.stageAndGroup(store, jdbc, JOB, entries(), 10_000);
		this.writer = new ResultsReportWriter(new ResultsRepository(jdbc, store));
	}

	private static List<io.github.campaignbatch.validation.DeviceEntry> entries() {
		RowValidator validator = new RowValidator("acc", LocalDate.parse("2026-01-01"), new DateParser(null),
				"cd".repeat(32));
		List<io.github.campaignbatch.validation.DeviceEntry> entries = new ArrayList<>();
		entries.addAll(validator.validate(row(2, "=HYPERLINK(\"http://x\",\"y\")", "353456789012348;353456789012355")));
		entries.addAll(validator.validate(row(3, "-rollout", "123")));
		return entries;
	}

	@Test
	void csvHasOneLinePerDeviceInRowOrderWithFormulasEscaped() throws Exception {
		Path report = this.work.resolve("r.csv");

		assertThat(this.writer.write(JOB, report)).isEqualTo(3);

		List<String> lines = Files.readAllLines(report);
		assertThat(lines.get(0)).isEqualTo("row,imei,account,campaignName,fileName,fileVersion,status,campaignId,errorCode,errorMessage,"
				+ "vendorStatus,deviceStatus,resultReason,statusAt");
		assertThat(lines.get(1)).startsWith("2,353456789012348,acc,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",fw.bin,1.0,PLANNED,");
		assertThat(lines.get(2)).startsWith("2,353456789012355,");
		assertThat(lines.get(3)).startsWith("3,123,acc,'-rollout,fw.bin,1.0,INVALID,,INVALID_IMEI,");
	}

	@Test
	void xlsxOpensOnASummaryWithAChartThenTheDevicesTypedFrozenAndFiltered() throws Exception {
		Path report = this.work.resolve("r.xlsx");

		this.writer.write(JOB, report);

		try (ReadableWorkbook workbook = new ReadableWorkbook(report.toFile())) {
			List<Sheet> sheets = workbook.getSheets().toList();
			assertThat(sheets).extracting(Sheet::getName).containsExactly("summary", "devices");
			List<List<String>> summary = rows(sheets.get(0));
			assertThat(summary.get(0)).startsWith("campaignName", "account", "fileName", "fileVersion", "startDate");
			assertThat(summary.get(1)).contains("=HYPERLINK(\"http://x\",\"y\")", "fw.bin", "1.0", "PLANNED", "2.0");
			assertThat(summary.get(2).get(0)).isEqualTo("Total (1 campaigns)");
			List<List<String>> devices = rows(sheets.get(1));
			assertThat(devices).hasSize(4);
			assertThat(devices.get(1)).startsWith("2.0", "353456789012348", "acc", "=HYPERLINK(\"http://x\",\"y\")");
			assertThat(devices.get(3)).contains("INVALID_IMEI");
		}
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook poi = new org.apache.poi.xssf.usermodel.XSSFWorkbook(report.toFile())) {
			assertThat(poi.getSheet("summary").getDrawingPatriarch().getCharts()).hasSize(1);
			org.apache.poi.xssf.usermodel.XSSFSheet devices = poi.getSheet("devices");
			assertThat(devices.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
			assertThat(devices.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:N4");
			assertThat(devices.getRow(1).getCell(0).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
			assertThat(poi.getSheet("summary").getRow(1).getCell(4).getCellType())
				.isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
		}
	}

	@Test
	void xlsxKeepsAFormulaLikeCellAsItsOwnTextInAQuotePrefixedStringCellWithNoApostrophe() throws Exception {
		Path report = this.work.resolve("r.xlsx");

		this.writer.write(JOB, report);

		try (XSSFWorkbook poi = new XSSFWorkbook(report.toFile())) {
			org.apache.poi.ss.usermodel.Cell inSummary = poi.getSheet("summary").getRow(1).getCell(0);
			org.apache.poi.ss.usermodel.Cell inDevices = poi.getSheet("devices").getRow(1).getCell(3);
			org.apache.poi.ss.usermodel.Cell minus = poi.getSheet("devices").getRow(3).getCell(3);
			for (org.apache.poi.ss.usermodel.Cell cell : List.of(inSummary, inDevices)) {
				assertThat(cell.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
				assertThat(cell.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\",\"y\")");
				assertThat(cell.getCellStyle().getQuotePrefixed()).as("shown as text, never evaluated").isTrue();
			}
			assertThat(minus.getStringCellValue()).isEqualTo("-rollout");
			assertThat(minus.getCellStyle().getQuotePrefixed()).isTrue();
			org.apache.poi.ss.usermodel.Cell plain = poi.getSheet("devices").getRow(1).getCell(2);
			assertThat(plain.getStringCellValue()).isEqualTo("acc");
			assertThat(plain.getCellStyle().getQuotePrefixed()).isFalse();
		}
	}

	@Test
	void failedWriteLeavesNoHalfReportAndSaysHowToRegenerate() throws Exception {
		Path occupied = Files.writeString(this.work.resolve("occupied"), "x");

		assertThatThrownBy(() -> this.writer.write(JOB, occupied.resolve("r.csv")))
			.isInstanceOf(ReportWriteException.class)
			.hasMessageContaining("report --execution");
	}

	private static List<List<String>> rows(Sheet sheet) throws IOException {
		try (Stream<Row> rows = sheet.openStream()) {
			return rows.map((row) -> row.stream().map((cell) -> (cell == null) ? "" : cell.getText()).toList()).toList();
		}
	}

	/** A valid input row of campaign {@code campaignName}; also for the other report tests. */
	static InputRow row(long number, String campaignName, String imeis) {
		Map<Column, String> cells = new EnumMap<>(Column.class);
		cells.put(Column.CAMPAIGN_NAME, campaignName);
		cells.put(Column.FILE_NAME, "fw.bin");
		cells.put(Column.FILE_VERSION, "1.0");
		cells.put(Column.DISTRIBUTION_TYPE, "HTTP");
		cells.put(Column.START_DATE, "2026-03-01");
		cells.put(Column.END_DATE, "2026-03-31");
		cells.put(Column.IMEI, imeis);
		return new InputRow(number, cells);
	}
}
