package io.github.campaignbatch.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FormulaEscapingTest {

	@ParameterizedTest
	@ValueSource(strings = { "=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")",
			"=cmd|' /C calc'!A0" })
	void cellsASpreadsheetWouldRunAreShownAsText(String cell) {
		assertThat(FormulaEscaping.escape(cell)).isEqualTo("'" + cell);
	}

	@ParameterizedTest
	@ValueSource(strings = { "fw.bin", "352099000000014", "Wave 1 = pilot", "'=1", "1-2" })
	void otherCellsAreLeftAlone(String cell) {
		assertThat(FormulaEscaping.escape(cell)).isEqualTo(cell);
	}

	@ParameterizedTest
	@ValueSource(strings = { "" })
	void emptyAndAbsentCellsAreEmpty(String cell) {
		assertThat(FormulaEscaping.escape(cell)).isEmpty();
		assertThat(FormulaEscaping.escape(null)).isEmpty();
	}
}
