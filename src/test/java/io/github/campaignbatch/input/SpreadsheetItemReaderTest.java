package io.github.campaignbatch.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static io.github.campaignbatch.input.TestFiles.REQUIRED_HEADER;
import static io.github.campaignbatch.input.TestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpreadsheetItemReaderTest {

	@TempDir
	Path dir;

	@Test
	void readsEveryDataRow() throws Exception {
		SpreadsheetItemReader reader = new SpreadsheetItemReader(campaigns(), ReadOptions.defaults());

		reader.open(new ExecutionContext());
		List<String> imeis = readRemaining(reader);
		reader.close();

		assertThat(imeis).containsExactly("353456789012348", "353456789012355", "353456789012363", "353456789012371");
	}

	@Test
	void savesHowManyRowsItHandedOutUnderAStableKey() throws Exception {
		SpreadsheetItemReader reader = new SpreadsheetItemReader(campaigns(), ReadOptions.defaults());
		ExecutionContext context = new ExecutionContext();

		reader.open(context);
		reader.read();
		reader.read();
		reader.update(context);
		reader.close();

		assertThat(context.getInt("inputReader.read.count")).isEqualTo(2);
	}

	@Test
	void aRestartSkipsTheRowsAlreadyRead() throws Exception {
		ExecutionContext context = new ExecutionContext();
		context.putInt("inputReader.read.count", 2);
		SpreadsheetItemReader reader = new SpreadsheetItemReader(campaigns(), ReadOptions.defaults());

		reader.open(context);
		InputRow next = reader.read();
		List<String> rest = readRemaining(reader);
		reader.close();

		assertThat(next.rowNumber()).as("row 4 is blank, so the third data row is row 5").isEqualTo(5);
		assertThat(next.get(Column.IMEI)).isEqualTo("353456789012363");
		assertThat(rest).containsExactly("353456789012371");
	}

	@Test
	void unknownColumnsAreKnownOnceOpen() {
		SpreadsheetItemReader reader = new SpreadsheetItemReader(campaigns(), ReadOptions.defaults());

		assertThatThrownBy(reader::unknownColumns).isInstanceOf(IllegalStateException.class);
		reader.open(new ExecutionContext());
		assertThat(reader.unknownColumns()).containsExactly("Notes");
		assertThat(reader.columns()).contains(Column.FILE_NAME, Column.IMEI);
		reader.close();
	}

	@Test
	void aBadFileFailsOpenWithTheUnwrappedInputFileException() {
		SpreadsheetItemReader reader = new SpreadsheetItemReader(this.dir.resolve("missing.csv"),
				ReadOptions.defaults());

		assertThatThrownBy(() -> reader.open(new ExecutionContext())).isInstanceOf(InputFileException.class)
			.hasMessageStartingWith("missing.csv: file not found");
	}

	private Path campaigns() {
		String row = "fw.bin,1.0,HTTP,2030-01-01,2030-01-31,";
		return text(this.dir, "campaigns.csv", REQUIRED_HEADER + ",Notes\n" + row + "353456789012348\n" + row
				+ "353456789012355\n\n" + row + "353456789012363\n" + row + "353456789012371\n");
	}

	private static List<String> readRemaining(SpreadsheetItemReader reader) throws Exception {
		List<String> imeis = new ArrayList<>();
		for (InputRow row = reader.read(); row != null; row = reader.read()) {
			imeis.add(row.get(Column.IMEI));
		}
		return imeis;
	}
}
