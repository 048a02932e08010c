package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records and fields of random CSV text, against the values it was written from: plain fields, quoted fields with
 * separators, doubled quotes and line breaks, empty fields, both kinds of line ends, and records across the reader's
 * buffer boundaries.
 */
class CsvRecordReaderTest {

	private static final String ALPHABET = "ab ,;\"\n\u00e9\u20ac";

	@ParameterizedTest
	@ValueSource(chars = { ',', ';', '\t' })
	void everyRecordComesBackAsTheFieldsItWasWrittenFrom(char separator) throws IOException {
		Random random = new Random(separator);
		List<List<String>> written = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		for (int record = 0; record < 3000; record++) {
			List<String> fields = new ArrayList<>();
			int count = 2 + random.nextInt(12);
			for (int i = 0; i < count; i++) {
				fields.add(randomValue(random));
			}
			written.add(fields);
			for (int i = 0; i < count; i++) {
				if (i > 0) {
					text.append(separator);
				}
				text.append(encoded(fields.get(i), separator, random));
			}
			text.append(random.nextBoolean() ? "\n" : "\r\n");
		}

		List<List<String>> read = new ArrayList<>();
		try (CsvRecordReader reader = new CsvRecordReader(new StringReader(text.toString()), separator, 1_000_000)) {
			for (String[] fields = reader.next(); fields != null; fields = reader.next()) {
				read.add(List.of(fields));
			}
		}

		assertThat(read).containsExactlyElementsOf(written);
	}

	private static String randomValue(Random random) {
		int length = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextInt(10) == 0 ? 3000 : 12);
		StringBuilder value = new StringBuilder();
		boolean special = random.nextInt(3) == 0;
		for (int i = 0; i < length; i++) {
			char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
			value.append(special || Character.isLetter(c) || c == ' ' ? c : 'x');
		}
		return value.toString();
	}

	private static String encoded(String value, char separator, Random random) {
		boolean mustQuote = value.indexOf(separator) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0;
		if (!mustQuote && random.nextInt(4) != 0) {
			return value;
		}
		return "\"" + value.replace("\"", "\"\"") + "\"";
	}
}
