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
	@ValueSource(strings = { "\u00A0=1+1", "\u200B=HYPERLINK(\"http://x\",\"y\")", "\uFEFF=1", " =1", "\u3000@SUM(A1)",
			"\uFF1D1+1", "\uFF0B1", "\uFF0D1", "\uFF20SUM(A1)", "\u00A0\u200B\uFF1D1", "\uFE661", "\u2028=1" })
	void cellsThatBecomeFormulasAfterInvisibleOrFullWidthCharactersAreShownAsTextToo(String cell) {
		assertThat(FormulaEscaping.escape(cell)).isEqualTo("'" + cell);
		assertThat(FormulaEscaping.isFormulaLike(cell)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "fw.bin", "352099000000014", "Wave 1 = pilot", "'=1", "1-2", " fw.bin", "\u00A0pilot", "\uFF21" })
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
