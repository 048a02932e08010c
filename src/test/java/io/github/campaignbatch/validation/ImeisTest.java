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
	void spaceSeparatedDigitGroupsThatMakeOneValidImeiAreOneDevice() {
		assertThat(Imeis.split("35 420910 000001 6")).containsExactly("354209100000016");
		assertThat(Imeis.split("35 420910 000001 6; 35 420910 000002 4\n353456789012348 35-420910 000001 6"))
			.containsExactly("354209100000016", "354209100000024", "353456789012348", "354209100000016");
		assertThat(Imeis.split("35 420910 000001 6 35 420910 000002 4")).as("two grouped IMEIs, spaces only")
			.containsExactly("354209100000016", "354209100000024");
	}

	@Test
	void digitGroupsThatDoNotMakeOneValidImeiStayAsWritten() {
		assertThat(Imeis.split("35 420910 000001 5")).as("15 digits, wrong check digit")
			.containsExactly("35", "420910", "000001", "5");
		assertThat(Imeis.split("35 420910 000001")).as("14 digits").containsExactly("35", "420910", "000001");
		assertThat(Imeis.split("35 420910 00000016")).as("a group runs past 15 digits")
			.containsExactly("35", "420910", "00000016");
		assertThat(Imeis.split("35 420910 00000X 6")).as("a group is not digits")
			.containsExactly("35", "420910", "00000X", "6");
		assertThat(Imeis.split("35;420910;000001;6")).as("semicolons always separate devices")
			.containsExactly("35", "420910", "000001", "6");
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
	void aFourteenDigitNumberThatIsAnImeiWithoutItsLeadingZeroSaysSoWithoutGuessingTheDevice() {
		// 012345678901237 is a valid IMEI; the spreadsheet kept it as the number 12345678901237
		assertThat(Imeis.luhnValid("012345678901237")).isTrue();

		assertThat(Imeis.problem("12345678901237")).isEqualTo("IMEI '12345678901237' has 14 digits, and with a leading 0 "
				+ "it would be a valid IMEI: the 0 was probably dropped because the column held numbers (a CSV saved by "
				+ "Excel, or a General cell); format the IMEI column as Text in the spreadsheet and enter the full 15 "
				+ "digits again");
		assertThat(Imeis.problem("12345678901238")).as("not an IMEI with a 0 either").contains("found 14 digits")
			.doesNotContain("leading 0");
	}

	@Test
	void unicodeSpacesSeparateImeisInAListCell() {
		assertThat(Imeis.split("353456789012348\u00A0353456789012355\u202F;\u200B353456789012363\u3000353456789012371"))
			.containsExactly("353456789012348", "353456789012355", "353456789012363", "353456789012371");
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
