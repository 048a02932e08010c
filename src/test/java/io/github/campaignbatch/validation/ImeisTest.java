package io.github.campaignbatch.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImeisTest {

	@Test
	void splitsListCellsOnSemicolonsCommasSpacesAndNewlines() {
		assertThat(Imeis.split("353456789012348; 353456789012355,353456789012363\n353456789012371 353456789012389"))
			.containsExactly("353456789012348", "353456789012355", "353456789012363", "353456789012371", "353456789012389");
	}

	@Test
	void blankCellHasNoDevices() {
		assertThat(Imeis.split("")).isEmpty();
		assertThat(Imeis.split(" ;, ")).isEmpty();
	}

	@Test
	void acceptsFifteenDigitsWithLuhnCheckDigit() {
		assertThat(Imeis.problem("353456789012348")).isNull();
		assertThat(Imeis.luhnValid("490154203237518")).isTrue();
	}

	@Test
	void rejectsBadCheckDigit() {
		assertThat(Imeis.problem("353456789012349")).contains("check digit");
	}

	@Test
	void rejectsWrongLength() {
		assertThat(Imeis.problem("35345678901234")).contains("exactly 15 digits").contains("14 digits");
		assertThat(Imeis.problem("3534567890123481")).contains("16 digits");
		assertThat(Imeis.problem("35345678901234X")).contains("non-digit");
	}

	@Test
	void explainsScientificNotationLostDigits() {
		assertThat(Imeis.problem("3.53457E+14")).contains("scientific notation").contains("as Text");
		assertThat(Imeis.problem("3,53457E+14")).contains("scientific notation");
	}

	@Test
	void dashesBetweenDigitGroupsAreDropped() {
		assertThat(Imeis.normalize("35-345678-901234-8")).isEqualTo("353456789012348");
		assertThat(Imeis.problem(Imeis.normalize("35-345678-901234-8"))).isNull();
	}
}
