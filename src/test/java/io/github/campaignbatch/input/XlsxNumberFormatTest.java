package io.github.campaignbatch.input;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class XlsxNumberFormatTest {

	@ParameterizedTest(name = "{0} as [{1}] shows [{2}]")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			// General, and formats read as General: every digit, no exponent, no trailing zeros
			"353456789012348      | General              | 353456789012348",
			"3.53456789012348E14  |                      | 353456789012348",
			"2.10                 | General              | 2.1",
			"0.30000000000000004  | General              | 0.3",
			"1.5E20               | General              | 150000000000000000000",
			"-3                   | General              | -3",
			"0                    | General              | 0",
			"353456789012348      | 0.00E+00             | 353456789012348",
			"353456789012348      | @                    | 353456789012348",
			"0.5                  | # ?/?                | 0.5",
			// whole numbers and decimals
			"2.5                  | 0                    | 3",
			"2.1                  | 0.00                 | 2.10",
			"2.1                  | 0.0#                 | 2.1",
			"2.125                | 0.0#                 | 2.13",
			"2                    | 0.0#                 | 2.0",
			"0.5                  | #.##                 | .5",
			"1234567.891          | #,##0.00             | 1,234,567.89",
			"12                   | #,##0                | 12",
			"0.256                | 0.0%                 | 25.6%",
			"1234567              | 0.0,,                | 1.2",
			// zero-padded and literal text: IMEIs with their leading 0, versions with a prefix
			"12345678901234       | 000000000000000      | 012345678901234",
			"353456789012348      | 000000000000000      | 353456789012348",
			"12345678901234       | 00-000000-000000-0   | 01-234567-890123-4",
			"7                    | 000                  | 007",
			"2.1                  | `\"v\"0.00`          | v2.10",
			"2.1                  | `0.00\" pcs\"`       | 2.10 pcs",
			"5                    | \\#0                 | #5",
			"5                    | _(0_)                | ` 5 `",
			// sections: negative numbers and zero
			"-2.1                 | 0.00                 | -2.10",
			"-2.1                 | 0.00;[Red]-0.00      | -2.10",
			"-2.1                 | 0.00;(0.00)          | (2.10)",
			"0                    | 0.00;-0.00;\"none\"  | none",
			"5                    | [Blue]0.0            | 5.0" })
	void numbersShowAsTheirFormatShowsThem(String value, String format, String shown) {
		assertThat(XlsxNumberFormat.format(new BigDecimal(value), format)).isEqualTo(shown);
	}

	@ParameterizedTest(name = "[{1}] (id {0}) is a date: {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"14  |                        | true",
			"22  |                        | true",
			"31  |                        | true",
			"0   |                        | false",
			"2   | 0.00                   | false",
			"49  | @                      | false",
			"164 | yyyy-mm-dd             | true",
			"165 | DD.MM.YYYY             | true",
			"166 | [$-409]d-mmm-yy;@      | true",
			"167 | `\"day \"0`            | false",
			"168 | [Red]0.00;[Blue]-0.00  | false",
			"169 | 000000000000000        | false",
			"170 | h:mm AM/PM             | true" })
	void dateFormatsAreRecognised(Integer id, String format, boolean date) {
		assertThat(XlsxNumberFormat.isDate(id, format)).isEqualTo(date);
	}
}
