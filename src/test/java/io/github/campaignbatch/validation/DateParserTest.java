package io.github.campaignbatch.validation;

import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class DateParserTest {

	private static final LocalDate CHRISTMAS = LocalDate.of(2030, 12, 25);

	private final DateParser iso = new DateParser(null);

	@ParameterizedTest
	@ValueSource(strings = { "2030-12-25", "25 Dec 2030", "25 dec 2030", "25 December 2030", "25-Dec-2030",
			"Dec 25, 2030", "December 25, 2030", "DECEMBER 25, 2030" })
	void isoAndEnglishMonthNamesAreReadWithoutAnyOption(String text) {
		assertThat(this.iso.parse(text)).isEqualTo(CHRISTMAS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "25/12/2030", "12/25/2030", "25.12.2030", "2030/12/25", "25 déc. 2030", "25. Dezember 2030",
			"2030年12月25日", "2030-12-25T08:00", "30 Feb 2030", "2030-02-30", "Dec 2030", "25 Dec 30", "" })
	void numericDatesOtherThanIsoAndOtherLanguagesAreNotGuessed(String text) {
		assertThat(this.iso.parse(text)).isNull();
	}

	@Test
	void englishMonthNamesDoNotDependOnTheDefaultLocale() {
		Locale previous = Locale.getDefault();
		try {
			Locale.setDefault(Locale.GERMANY);
			assertThat(new DateParser(null).parse("25 Dec 2030")).isEqualTo(CHRISTMAS);
			assertThat(new DateParser("dd-MMM-yyyy").parse("25-Dec-2030")).isEqualTo(CHRISTMAS);
		}
		finally {
			Locale.setDefault(previous);
		}
	}

	@Test
	void theOperatorsPatternIsStrictAndIsoStillWorks() {
		DateParser european = new DateParser("dd/MM/yyyy");

		assertThat(european.parse("25/12/2030")).isEqualTo(CHRISTMAS);
		assertThat(european.parse("2030-12-25")).isEqualTo(CHRISTMAS);
		assertThat(european.parse("31/02/2030")).isNull();
		assertThat(european.expected()).isEqualTo("dd/MM/yyyy or YYYY-MM-DD");
	}

	@Test
	void theDefaultFormatsAreNamedInMessages() {
		assertThat(this.iso.expected()).startsWith("YYYY-MM-DD").contains("25 Dec 2030");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.uuuu", "d MMM yyyy", "yyyy'年'MM'月'dd'日'" })
	void unambiguousPatternsAreAccepted(String pattern) {
		assertThatNoException().isThrownBy(() -> DateParser.checkPattern(pattern));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"dd/mm/yyyy|'m' is minutes: use MM for the month",
			"dd/MM/YYYY|'Y' is the week-based year",
			"DD/MM/yyyy|'D' is the day of the year",
			"dd/MM/yy|a two-digit year (yy) is ambiguous",
			"MM/yyyy|must have a day (d), a month (M) and a year (y)",
			"dd/MM|must have a day (d), a month (M) and a year (y)",
			"dd/MM/yyyy HH:mm|'m' is minutes",
			"dd/MM/yyyy HH|'H' is not part of a calendar date" })
	void patternsThatWouldMisreadDatesAreRefusedWithTheReason(String pattern, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> DateParser.checkPattern(pattern))
			.withMessageContaining(reason)
			.withMessageNotContaining("\n");
	}

	@Test
	void invalidPatternSyntaxIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> DateParser.checkPattern("dd/MM/yyyy{"));
	}
}
