package io.github.campaignbatch.input;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static io.github.campaignbatch.input.TestFiles.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/** The committed demo workbook reads back as the rows the demo relies on, and is what its generator writes. */
class SampleWorkbookTest {

	private static final Path COMMITTED = Path.of(SampleWorkbookGenerator.DEFAULT_OUTPUT);

	private static final List<InputRow> EXPECTED = List.of(
			gateway(2, "353456789012348"),
			gateway(3, "353456789012355"),
			gateway(4, "353456789012363"),
			gateway(5, "353456789012371;353456789012389, 353456789012397"),
			sensor(6, "353456789012405"),
			sensor(8, "353456789012413"));

	@TempDir
	Path dir;

	@Test
	void theCommittedSampleReadsBackAsTheDemoRows() {
		try (RowSource source = RowSources.open(COMMITTED, ReadOptions.defaults())) {
			assertThat(source.columns()).containsExactlyInAnyOrder(Column.values());
			assertThat(source.unknownColumns()).isEmpty();
		}
		assertThat(readAll(COMMITTED)).containsExactlyElementsOf(EXPECTED);
	}

	@Test
	void theGeneratorWritesTheSameRows() throws Exception {
		Path generated = this.dir.resolve("clean-campaigns.xlsx");

		SampleWorkbookGenerator.main(new String[] { generated.toString() });

		assertThat(readAll(generated)).containsExactlyElementsOf(EXPECTED);
	}

	@Test
	void aRestartedReaderResumesAfterTheRowsAlreadyRead() throws Exception {
		ExecutionContext context = new ExecutionContext();
		context.putInt("inputReader.read.count", 4);
		SpreadsheetItemReader reader = new SpreadsheetItemReader(COMMITTED, ReadOptions.defaults());

		reader.open(context);
		try {
			assertThat(reader.read()).isEqualTo(EXPECTED.get(4));
			assertThat(reader.read()).isEqualTo(EXPECTED.get(5));
			assertThat(reader.read()).isNull();
		}
		finally {
			reader.close();
		}
	}

	@Test
	void everySampleImeiPassesTheLuhnCheck() {
		List<String> imeis = EXPECTED.stream()
			.flatMap((row) -> List.of(row.get(Column.IMEI).split("[;,]")).stream())
			.map(String::strip)
			.toList();

		assertThat(imeis).hasSize(8).allSatisfy((imei) -> assertThat(luhnValid(imei)).as(imei).isTrue());
	}

	private static InputRow gateway(long rowNumber, String imei) {
		return row(rowNumber, "Gateway config 7", "gateway-cfg-7.json", "7.0", "HTTP", "2030-02-01", "2030-02-28",
				"2030-02-01", "2030-02-02", "1-5", "2-4;22-24", imei, "");
	}

	private static InputRow sensor(long rowNumber, String imei) {
		return row(rowNumber, "", "sensor-fw-1.9.0.bin", "1.9.0", "oma", "2030-03-01", "2030-03-31", "", "", "", "",
				imei, "");
	}

	private static InputRow row(long rowNumber, String... cellsAfterAccount) {
		Map<Column, String> cells = new EnumMap<>(Column.class);
		cells.put(Column.ACCOUNT, "demo-account");
		for (int i = 0; i < cellsAfterAccount.length; i++) {
			cells.put(Column.values()[i + 1], cellsAfterAccount[i]);
		}
		return new InputRow(rowNumber, cells);
	}

	private static boolean luhnValid(String digits) {
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 1) {
				digit = (digit * 2 > 9) ? digit * 2 - 9 : digit * 2;
			}
			sum += digit;
		}
		return digits.length() == 15 && sum % 10 == 0;
	}
}
