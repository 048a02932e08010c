package io.github.campaignbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate} end to end on the bundled samples: the real job, an H2 file database, the report read back
 * line by line.
 */
@Tag("database")
class ValidateCommandTest {

	private static final Path SAMPLES = Path.of("input-samples");

	@TempDir
	Path work;

	@Test
	void cleanCsvPlansEveryDeviceAndExitsZero() throws IOException {
		Path report = this.work.resolve("clean.csv.results.csv");

		Result result = runner().run("validate", "--input", SAMPLES.resolve("clean-campaigns.csv").toString(), "--account",
				"ACC", "--today", "2026-01-01", "--report", report.toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		String generated = "sensor-fw-1.9.0.bin_1.9.0_2030-04-01_"
				+ InputFingerprint.sha256(SAMPLES.resolve("clean-campaigns.csv")).substring(0, 8);
		assertThat(Files.readAllLines(report)).containsExactly(
				"row,imei,account,campaignName,fileName,fileVersion,status,campaignId,errorCode,errorMessage,vendorStatus,deviceStatus,resultReason,statusAt",
				"2,352099000000014,demo-account,Tracker fleet wave 1,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"3,352099000000022,demo-account,Tracker fleet wave 1,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"4,352099000000030,demo-account,Tracker fleet wave 1,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"5,352099000000048,demo-account,Tracker fleet wave 1,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"6,352099000000055,demo-account,Tracker fleet wave 1,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"7,352099000000063,demo-account,Tracker fleet wave 1,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"8,352099000000071,demo-account,Tracker fleet wave 2,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"8,352099000000089,demo-account,Tracker fleet wave 2,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"8,352099000000097,demo-account,Tracker fleet wave 2,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"9,352099000000105,demo-account,Tracker fleet wave 2,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"9,352099000000113,demo-account,Tracker fleet wave 2,tracker-fw-2.4.1.bin,2.4.1,PLANNED,,,,,,,",
				"10,352099000000121,ACC," + generated + ",sensor-fw-1.9.0.bin,1.9.0,PLANNED,,,,,,,",
				"11,352099000000139,ACC," + generated + ",sensor-fw-1.9.0.bin,1.9.0,PLANNED,,,,,,,");
		assertThat(result.out()).contains("rows read          10").contains("devices            13")
			.contains("campaigns          3").contains(report.toString()).contains("  account            ACC");
		// issue 21: the file's rows name demo-account, --account said ACC; the rows win, and the operator is told
		assertThat(result.errLines()).containsExactly("warning: 2 campaign(s) use the account their rows name"
				+ " (demo-account), not --account ACC: a row's account wins, --account only fills rows that name none");
	}

	@Test
	void cleanXlsxPlansEveryDeviceAndExitsZero() throws IOException {
		Path report = this.work.resolve("clean.xlsx.results.csv");

		Result result = runner().run("validate", "--input", SAMPLES.resolve("clean-campaigns.xlsx").toString(), "--account",
				"ACC", "--today", "2026-01-01", "--report", report.toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		List<String> lines = Files.readAllLines(report);
		assertThat(lines).hasSize(1 + 8);
		assertThat(lines.subList(1, lines.size())).allMatch(line -> line.contains(",PLANNED,"));
		assertThat(lines).anyMatch(line -> line.startsWith("2,353456789012348,demo-account,Gateway config 7,gateway-cfg-7.json,7.0,"));
	}

	@Test
	void mistakesSampleGivesEachRowItsOutcomeAndExitsThree() throws IOException {
		Path report = this.work.resolve("mistakes.results.csv");

		Result result = runner().run("validate", "--input", SAMPLES.resolve("mistakes.csv").toString(), "--account", "ACC",
				"--today", "2026-01-01", "--report", report.toString());

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REJECTED);
		List<String> outcomes = Files.readAllLines(report)
			.stream()
			.skip(1)
			.map(line -> line.split(",", -1))
			.map(cells -> cells[0] + " " + cells[1] + " " + cells[6] + " " + cells[8])
			.toList();
		assertThat(outcomes).containsExactly(
				"2 352099000000147 PLANNED ",
				"3 352099000000147 DUPLICATE DUPLICATE_DEVICE",
				"4 352099000000154 CONFLICT CONFLICTING_SCHEDULE",
				"5 3.52099E+14 INVALID INVALID_IMEI",
				"6 352099000000163 INVALID INVALID_IMEI",
				"7 35209900000017 INVALID INVALID_IMEI",
				"8 352099000000188 INVALID MISSING_FIELD",
				"8 352099000000196 INVALID MISSING_FIELD",
				"9 352099000000204 INVALID INVALID_DATE",
				"10 352099000000212 INVALID DATE_IN_PAST",
				"11 352099000000220 INVALID DATE_ORDER",
				"12 352099000000238 INVALID INVALID_DISTRIBUTION_TYPE",
				"13 352099000000246 INVALID INVALID_TIME_WINDOW",
				"14 352099000000147 CONFLICT DEVICE_IN_OVERLAPPING_CAMPAIGN",
				"15  INVALID MISSING_FIELD",
				"16 352099000000253 PLANNED ");
		String reportText = Files.readString(report);
		assertThat(reportText).contains("scientific notation").contains("fileName is empty")
			.contains("already listed for this campaign at row 2").contains("differ from row 2");
	}

	@Test
	void validateCanBeRepeatedOnTheSameFile() {
		CommandRunner runner = runner();
		String[] args = { "validate", "--input", SAMPLES.resolve("clean-campaigns.csv").toString(), "--account", "ACC",
				"--today", "2026-01-01", "--report", this.work.resolve("r.csv").toString() };

		Result first = runner.run(args);
		Result second = runner.run(args);

		assertThat(first.exitCode()).isZero();
		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).doesNotContain("Already processed");
	}

	@Test
	void missingFileIsAUsageErrorOnOneLine() {
		Result result = runner().run("validate", "--input", this.work.resolve("nope.csv").toString());

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("nope.csv").contains("no such file");
	}

	@Test
	void unknownOptionIsAUsageErrorOnOneLine() {
		Result result = runner().run("validate", "--input", "x.csv", "--colour", "blue");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("--colour");
	}

	@Test
	void legacyXlsIsRefusedOnOneLine() throws IOException {
		Path xls = Files.write(this.work.resolve("old.xls"), new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
				(byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0 });

		Result result = runner().run("validate", "--input", xls.toString());

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("old.xls").contains(".xls");
	}

	@Test
	void nonSpreadsheetIsRefusedOnOneLine() throws IOException {
		Path pdf = Files.writeString(this.work.resolve("devices.pdf"), "%PDF-1.4 not a spreadsheet");

		Result result = runner().run("validate", "--input", pdf.toString());

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("devices.pdf");
	}

	@Test
	void missingRequiredColumnIsRefusedBeforeAnythingRuns() throws IOException {
		Path csv = Files.writeString(this.work.resolve("no-imei.csv"), "fileName,fileVersion\nfw.bin,1\n");

		Result result = runner().run("validate", "--input", csv.toString(), "--account", "ACC");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("no-imei.csv").contains("imei");
		assertThat(result.out()).doesNotContain("Dry run");
	}

	private CommandRunner runner() {
		return new CommandRunner(this.work);
	}
}
