package io.github.campaignbatch.input;

import java.nio.file.Path;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.campaignbatch.input.TestFiles.REQUIRED_HEADER;
import static io.github.campaignbatch.input.TestFiles.readAll;
import static io.github.campaignbatch.input.TestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The header row rules, shown on CSV files; workbooks share the same rules. */
class HeaderTest {

	@TempDir
	Path dir;

	@Test
	void headerNamesInAnySpellingMapToCanonicalColumns() {
		Path file = text(this.dir, "campaigns.csv", """
				Account,Campaign Name,File Name,file_version,DISTRIBUTION-TYPE,Start Date,End Date,Device ID
				acme,Spring,fw.bin,1.0,HTTP,2030-01-01,2030-01-31,353456789012348
				""");

		try (RowSource source = RowSources.open(file, ReadOptions.defaults())) {
			assertThat(source.columns()).containsExactlyInAnyOrder(Column.ACCOUNT, Column.CAMPAIGN_NAME,
					Column.FILE_NAME, Column.FILE_VERSION, Column.DISTRIBUTION_TYPE, Column.START_DATE,
					Column.END_DATE, Column.IMEI);
			InputRow row = source.next();
			assertThat(row.rowNumber()).isEqualTo(2);
			assertThat(row.get(Column.FILE_VERSION)).isEqualTo("1.0");
			assertThat(row.get(Column.IMEI)).isEqualTo("353456789012348");
			assertThat(row.get(Column.INSTALL_TIME_WINDOWS)).as("column absent from the header").isEmpty();
		}
	}

	@Test
	void unknownColumnsAreListedAndIgnored() {
		Path file = text(this.dir, "campaigns.csv", "Notes," + REQUIRED_HEADER + ",Owner\n"
				+ "call first,fw.bin,1.0,HTTP,2030-01-01,2030-01-31,353456789012348,Ann\n");

		try (RowSource source = RowSources.open(file, ReadOptions.defaults())) {
			assertThat(source.unknownColumns()).containsExactly("Notes", "Owner");
			assertThat(source.next().cells()).doesNotContainValue("call first").doesNotContainValue("Ann");
		}
	}

	@Test
	void missingRequiredColumnsAreNamedWithTheImeiAliasesAndTheColumnsFound() {
		Path file = text(this.dir, "campaigns.csv", "Account,File Version,Distribution Type,Start Date,End Date\n");

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.csv: missing required column(s) fileName, imei (or deviceId, imeis, deviceList) "
					+ "in the header row (row 1); found columns: Account, File Version, Distribution Type, Start Date, "
					+ "End Date");
	}

	@Test
	void twoHeaderCellsMeaningOneColumnAreRejectedWithTheirLetters() {
		Path file = text(this.dir, "campaigns.csv",
				"fileVersion,distributionType,File Name,startDate,endDate,file_name,imei\n");

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.csv: duplicate column: 'File Name' (column C) and 'file_name' (column F) "
					+ "both mean fileName: keep only one of them");
	}

	@Test
	void imeiAndItsAliasTogetherAreADuplicate() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + ",Device List\n");

		assertThatThrownBy(() -> readAll(file)).hasMessageContaining("'imei' (column F) and 'Device List' (column G)");
	}

	@Test
	void aFirstRowThatNamesNoColumnIsNotTakenForAHeader() {
		Path file = text(this.dir, "campaigns.csv", "fw.bin,1.0,HTTP,2030-01-01\n");

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.csv: row 1 does not look like a header row (none of its cells names a known column; "
					+ "found: fw.bin, 1.0, HTTP, 2030-01-01): the first non-blank row must name the columns fileName, "
					+ "fileVersion, distributionType, startDate, endDate, imei (optional: account, campaignName, "
					+ "downloadAfterDate, installAfterDate, downloadTimeWindows, installTimeWindows, timeZone)");
	}

	@Test
	void blankRowsBeforeTheHeaderCountInRowNumbers() {
		Path file = text(this.dir, "campaigns.csv", "\n,,,\n" + REQUIRED_HEADER + "\n"
				+ "fw.bin,1.0,HTTP,2030-01-01,2030-01-31,353456789012348\n");

		assertThat(readAll(file)).extracting(InputRow::rowNumber).containsExactly(4L);
	}

	@Test
	void blankHeaderCellsAreNeitherColumnsNorUnknown() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + ",,\n"
				+ "fw.bin,1.0,HTTP,2030-01-01,2030-01-31,353456789012348,x,y\n");

		try (RowSource source = RowSources.open(file, ReadOptions.defaults())) {
			assertThat(source.unknownColumns()).isEmpty();
			assertThat(source.next().cells()).hasSize(6);
		}
	}

	@Test
	void messagesStayOnOneLineWhateverTheHeaderHolds() {
		Path file = text(this.dir, "campaigns.csv", "\"File\nName\",Notes\n");

		assertThatThrownBy(() -> readAll(file)).satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n"))
			.hasMessageContaining("found columns: File Name, Notes");
	}

	@Test
	void longListsOfFoundColumnsAreCut() {
		String header = String.join(",", IntStream.range(0, 30).mapToObj((i) -> "c" + i).toList());
		Path file = text(this.dir, "campaigns.csv", "imei," + header + "\n");

		assertThatThrownBy(() -> readAll(file)).hasMessageEndingWith("c18 and 11 more");
	}
}
