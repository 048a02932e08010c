package io.github.campaignbatch.input;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.github.campaignbatch.input.TestFiles.REQUIRED_HEADER;
import static io.github.campaignbatch.input.TestFiles.bytes;
import static io.github.campaignbatch.input.TestFiles.concat;
import static io.github.campaignbatch.input.TestFiles.readAll;
import static io.github.campaignbatch.input.TestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class CsvRowSourceTest {

	private static final String ROW = "fw.bin,1.0,HTTP,2030-01-01,2030-01-31,353456789012348";

	@TempDir
	Path dir;

	@Test
	void readsDataRowsWithTheirRowNumbersAndTrimmedCells() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n" + ROW + "\n"
				+ " fw2.bin , 2.0 ,OMA,2030-02-01,2030-02-28, 353456789012355 \n");

		assertThat(readAll(file)).extracting(InputRow::rowNumber, (r) -> r.get(Column.FILE_NAME),
				(r) -> r.get(Column.IMEI))
			.containsExactly(tuple(2L, "fw.bin", "353456789012348"), tuple(3L, "fw2.bin", "353456789012355"));
	}

	@Test
	void whiteSpaceOfAnyUnicodeKindAroundAValueIsNotPartOfIt() {
		// non-breaking spaces (copied from a web page or a PDF), an ideographic space, a zero-width space, a tab
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n"
				+ "\u00A0fw.bin\u2007,\u202F2.0\u3000,OMA,2030-02-01,2030-02-28,\u200B353456789012355\u00A0\t\n"
				+ "\u00A0,\u00A0, ,\u2003,\u200B,\u00A0\n");

		assertThat(readAll(file)).as("a row of nothing but such spaces is blank").singleElement().satisfies((row) -> {
			assertThat(row.get(Column.FILE_NAME)).isEqualTo("fw.bin");
			assertThat(row.get(Column.FILE_VERSION)).isEqualTo("2.0");
			assertThat(row.get(Column.IMEI)).isEqualTo("353456789012355");
		});
	}

	@Test
	void aByteOrderMarkIsNotPartOfTheFirstHeaderCell() {
		Path file = bytes(this.dir, "campaigns.csv", concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
				(REQUIRED_HEADER + "\r\n" + ROW + "\r\n").getBytes(StandardCharsets.UTF_8)));

		assertThat(readAll(file)).singleElement().satisfies((row) -> assertThat(row.get(Column.FILE_NAME)).isEqualTo("fw.bin"));
	}

	@Test
	void semicolonIsTheDelimiterWhenTheHeaderHoldsMoreOfThem() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER.replace(',', ';') + "\n"
				+ "fw.bin;1,5;HTTP;2030-01-01;2030-01-31;\"353456789012348,353456789012355\"\n");

		assertThat(readAll(file)).singleElement().satisfies((row) -> {
			assertThat(row.get(Column.FILE_VERSION)).isEqualTo("1,5");
			assertThat(row.get(Column.IMEI)).isEqualTo("353456789012348,353456789012355");
		});
	}

	@Test
	void commaWinsATie() {
		Path file = text(this.dir, "campaigns.csv", "notes;more,imei\n");

		assertThatThrownBy(() -> readAll(file)).hasMessageEndingWith("found columns: notes;more, imei");
	}

	@Test
	void excelsUnicodeTextExportIsTabSeparatedUtf16() {
		String content = REQUIRED_HEADER.replace(',', '\t') + "\r\n" + ROW.replace(',', '\t') + "\r\n";
		Path file = bytes(this.dir, "campaigns.txt", concat(new byte[] { (byte) 0xFF, (byte) 0xFE },
				content.getBytes(StandardCharsets.UTF_16LE)));

		assertThat(readAll(file)).singleElement().satisfies((row) -> assertThat(row.get(Column.IMEI)).isEqualTo("353456789012348"));
	}

	@Test
	void delimitersInsideQuotedHeaderCellsDoNotCount() {
		Path file = text(this.dir, "campaigns.csv", "\"a;b;c;d\"," + REQUIRED_HEADER + "\n" + "x;y," + ROW + "\n");

		assertThat(readAll(file)).singleElement().satisfies((row) -> assertThat(row.get(Column.FILE_NAME)).isEqualTo("fw.bin"));
	}

	@Test
	void excelsSepLineChoosesTheDelimiterAndIsNotARow() {
		Path file = text(this.dir, "campaigns.csv", "sep=;\r\n" + REQUIRED_HEADER.replace(',', ';') + "\r\n"
				+ ROW.replace(',', ';') + "\r\n");

		assertThat(readAll(file)).singleElement().satisfies((row) -> {
			assertThat(row.rowNumber()).isEqualTo(2);
			assertThat(row.get(Column.IMEI)).isEqualTo("353456789012348");
		});
	}

	@Test
	void aRecordWithQuotedLineBreaksIsOneRow() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\r\n"
				+ "fw.bin,1.0,HTTP,2030-01-01,2030-01-31,\"353456789012348\r\n353456789012355\n353456789012363\"\r\n"
				+ "fw2.bin,1.0,HTTP,2030-01-01,2030-01-31,353456789012371\r\n");

		List<InputRow> rows = readAll(file);

		assertThat(rows).extracting(InputRow::rowNumber).containsExactly(2L, 3L);
		assertThat(rows.get(0).get(Column.IMEI)).isEqualTo("353456789012348\n353456789012355\n353456789012363");
	}

	@Test
	@Timeout(10)
	void aCellOfManyLinesIsReadInLinearTime() {
		StringBuilder imeis = new StringBuilder();
		for (long imei = 353456789000000L; imei < 353456789000000L + 200_000; imei++) {
			imeis.append(imei).append("\r\n");
		}
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\r\n"
				+ "fw.bin,1.0,HTTP,2030-01-01,2030-01-31,\"" + imeis + "\"\r\n" + ROW + "\r\n");

		List<InputRow> rows = readAll(file);

		assertThat(rows).extracting(InputRow::rowNumber).containsExactly(2L, 3L);
		assertThat(rows.get(0).get(Column.IMEI).lines()).hasSize(200_000);
	}

	@Test
	void carriageReturnsAloneEndLinesToo() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\r" + ROW + "\r\r" + ROW + "\r");

		assertThat(readAll(file)).extracting(InputRow::rowNumber).containsExactly(2L, 4L);
	}

	@Test
	void backslashesAreData() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n"
				+ "\"C:\\fw\\\",\"1.0\\\",HTTP,2030-01-01,2030-01-31,\\n353456789012348\n");

		assertThat(readAll(file)).singleElement().satisfies((row) -> {
			assertThat(row.get(Column.FILE_NAME)).isEqualTo("C:\\fw\\");
			assertThat(row.get(Column.FILE_VERSION)).isEqualTo("1.0\\");
			assertThat(row.get(Column.IMEI)).isEqualTo("\\n353456789012348");
		});
	}

	@Test
	void doubledQuotesInQuotedFieldsAreOneQuote() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n"
				+ "\"fw \"\"beta\"\".bin\",1.0,HTTP,2030-01-01,2030-01-31,353456789012348\n");

		assertThat(readAll(file)).singleElement()
			.satisfies((row) -> assertThat(row.get(Column.FILE_NAME)).isEqualTo("fw \"beta\".bin"));
	}

	@Test
	void shortRowsHaveEmptyCellsAndCellsBeyondTheHeaderAreIgnored() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n" + "fw.bin,1.0\n" + ROW + ",extra,more\n");

		List<InputRow> rows = readAll(file);

		assertThat(rows.get(0).get(Column.FILE_VERSION)).isEqualTo("1.0");
		assertThat(rows.get(0).get(Column.IMEI)).isEmpty();
		assertThat(rows.get(1).cells()).hasSize(6).doesNotContainValue("extra");
	}

	@Test
	void blankRowsAreSkippedButKeepTheirNumbers() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n" + ROW + "\n\n,,,,,\n  \n\"\",\"\"\n" + ROW + "\n\n");

		assertThat(readAll(file)).extracting(InputRow::rowNumber).containsExactly(2L, 7L);
	}

	@Test
	void utf8TextOutsideAsciiIsRead() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + ",campaignName\n" + ROW + ",Zürich 東京 ✓\n");

		assertThat(readAll(file)).singleElement()
			.satisfies((row) -> assertThat(row.get(Column.CAMPAIGN_NAME)).isEqualTo("Zürich 東京 ✓"));
	}

	@Test
	void windows1252TextFailsAsInvalidUtf8NamingTheRow() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + ",campaignName\n" + ROW + ",Paris\n" + ROW
				+ ",Zürich\n", Charset.forName("windows-1252"));

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.csv: is not valid UTF-8 (row 3): save it as 'CSV UTF-8' from Excel")
			.hasCauseInstanceOf(TextProblem.class);
	}

	@Test
	void invalidUtf8FarIntoTheFileNamesItsOwnRow() {
		StringBuilder content = new StringBuilder(REQUIRED_HEADER).append('\n');
		for (int i = 2; i < 2000; i++) {
			content.append(ROW).append('\n');
		}
		byte[] start = content.toString().getBytes(StandardCharsets.UTF_8);
		byte[] invalid = { 'f', 'w', (byte) 0xC3, '(', ',', '1', '\n' };
		Path file = bytes(this.dir, "campaigns.csv", concat(start, invalid, (ROW + "\n").getBytes(StandardCharsets.UTF_8)));

		try (RowSource source = RowSources.open(file, ReadOptions.defaults())) {
			for (int i = 2; i < 2000; i++) {
				assertThat(source.next().rowNumber()).isEqualTo(i);
			}
			assertThatThrownBy(source::next).hasMessageContaining("is not valid UTF-8 (row 2000)");
		}
	}

	@Test
	void invalidUtf8InTheHeaderIsRowOne() {
		Path file = bytes(this.dir, "campaigns.csv", concat("fileName,fileVersion,".getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xFF }));

		assertThatThrownBy(() -> readAll(file)).hasMessageContaining("is not valid UTF-8 (row 1)");
	}

	@Test
	void utf16WithByteOrderMarkIsDecoded() {
		String content = REQUIRED_HEADER + ",campaignName\r\n" + ROW + ",Zürich\r\n";
		Path littleEndian = bytes(this.dir, "le.csv", concat(new byte[] { (byte) 0xFF, (byte) 0xFE },
				content.getBytes(StandardCharsets.UTF_16LE)));
		Path bigEndian = bytes(this.dir, "be.csv", concat(new byte[] { (byte) 0xFE, (byte) 0xFF },
				content.getBytes(StandardCharsets.UTF_16BE)));

		assertThat(readAll(littleEndian)).singleElement()
			.satisfies((row) -> assertThat(row.get(Column.CAMPAIGN_NAME)).isEqualTo("Zürich"));
		assertThat(readAll(bigEndian)).singleElement()
			.satisfies((row) -> assertThat(row.get(Column.CAMPAIGN_NAME)).isEqualTo("Zürich"));
	}

	@Test
	void nulBytesMeanBinaryContent() {
		Path file = bytes(this.dir, "campaigns.csv", concat((REQUIRED_HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8),
				new byte[] { 'a', 0, 'b', '\n' }));

		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFileException.class)
			.hasMessageStartingWith("campaigns.csv: contains NUL bytes at row 3: it is binary, not CSV text");
	}

	@Test
	void utf16WithoutByteOrderMarkFailsOnItsNulBytes() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n", StandardCharsets.UTF_16LE);

		assertThatThrownBy(() -> readAll(file)).hasMessageContaining("contains NUL bytes at row 1");
	}

	@Test
	void aQuoteThatNeverClosesIsReportedAtTheRowItOpens() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n" + ROW + "\n"
				+ "\"fw.bin,1.0,HTTP,2030-01-01,2030-01-31,353456789012348\n" + ROW + "\n");

		try (RowSource source = RowSources.open(file, ReadOptions.defaults())) {
			assertThat(source.next().rowNumber()).isEqualTo(2);
			assertThatThrownBy(source::next).isInstanceOf(InputFileException.class)
				.hasMessageStartingWith("campaigns.csv: unclosed quote in the record starting at row 3");
		}
	}

	@Test
	void aCellLongerThanTheLimitIsRefusedByItsReference() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n" + ROW + "\n"
				+ "fw.bin,1.0,HTTP,2030-01-01,2030-01-31," + "9".repeat(60) + "\n");

		assertThatThrownBy(() -> readAll(file, new ReadOptions(null, 50))).isInstanceOf(InputFileException.class)
			.hasMessage("campaigns.csv: cell F3 (imei) is longer than 50 characters: split its content over several rows");
	}

	@Test
	void aQuoteThatNeverClosesCannotPullAHugeFileIntoMemory() {
		StringBuilder content = new StringBuilder(REQUIRED_HEADER).append("\n\"").append(ROW).append('\n');
		for (int i = 0; i < 100; i++) {
			content.append(ROW).append('\n');
		}
		Path file = text(this.dir, "campaigns.csv", content.toString());

		assertThatThrownBy(() -> readAll(file, new ReadOptions(null, 500))).isInstanceOf(InputFileException.class)
			.hasMessageStartingWith("campaigns.csv: row 2 is longer than 1000 characters inside a quoted cell: a quote"
					+ " opened in it is probably never closed");
	}

	@Test
	void anOverLongRecordWithoutAnyQuoteSaysSoInsteadOfBlamingAQuote() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n" + ROW + "\n"
				+ "fw.bin,1.0,HTTP,2030-01-01,2030-01-31," + "9".repeat(2000) + "\n");

		assertThatThrownBy(() -> readAll(file, new ReadOptions(null, 500))).isInstanceOf(InputFileException.class)
			.hasMessageContaining("row 3 is longer than 1000 characters and holds no quote")
			.hasMessageNotContaining("never closed");
	}

	@Test
	void anOverLongRecordWhoseQuotesAreClosedSaysSo() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n" + ROW + "\n"
				+ "\"fw.bin\",1.0,HTTP,2030-01-01,2030-01-31," + "9".repeat(2000) + "\n");

		assertThatThrownBy(() -> readAll(file, new ReadOptions(null, 500))).isInstanceOf(InputFileException.class)
			.hasMessageContaining("row 3 is longer than 1000 characters and every quote in it is closed")
			.hasMessageNotContaining("never closed");
	}

	@Test
	void anOverLongHeaderWithoutAnyQuoteSaysSo() {
		Path file = text(this.dir, "campaigns.csv", "x".repeat(3000) + "\n" + ROW + "\n");

		assertThatThrownBy(() -> readAll(file, new ReadOptions(null, 500))).isInstanceOf(InputFileException.class)
			.hasMessageContaining("holds no quote")
			.hasMessageNotContaining("never closed");
	}

	@Test
	void sheetNameIsIgnoredForCsv() {
		Path file = text(this.dir, "campaigns.csv", REQUIRED_HEADER + "\n" + ROW + "\n");

		assertThat(readAll(file, ReadOptions.defaults().withSheetName("Data"))).hasSize(1);
	}
}
