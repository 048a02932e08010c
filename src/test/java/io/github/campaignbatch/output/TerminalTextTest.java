package io.github.campaignbatch.output;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Control characters never reach a terminal or a log raw.
 */
class TerminalTextTest {

	@ParameterizedTest
	@ValueSource(strings = { "\u001B[2K\u001B[1Gforged", "\u001B]0;title\u0007", "\u001B]8;;http://x\u001B\\link", "bell\u0007",
			"back\bspace", "del\u007F", "c1\u009B", "\u202Egnp.exe", "zero\u200Bwidth", "\u2066isolate" })
	void aValueKeepsNoControlOrFormatCharacter(String value) {
		String cleaned = TerminalText.clean(value);

		assertThat(cleaned.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
				|| Character.getType(c) == Character.FORMAT)).isTrue();
		assertThat(cleaned).hasSameSizeAs(value);
	}

	@Test
	void lineBreaksInAValueCannotStartAForgedLine() {
		assertThat(TerminalText.clean("a.csv\nerror: forged\r\tx")).isEqualTo("a.csv error: forged  x");
	}

	@Test
	void printableTextIsLeftAlone() {
		assertThat(TerminalText.clean("Ünïcödé 日本 😀 a-b_c.csv")).isEqualTo("Ünïcödé 日本 😀 a-b_c.csv");
		assertThat(TerminalText.clean(null)).isEmpty();
	}

	@Test
	void aWholeStreamKeepsItsLineBreaksButNoEscape() {
		StringWriter target = new StringWriter();
		PrintWriter out = TerminalText.cleaning(new PrintWriter(target, true));

		out.println("name\u001B[31m 😀");
		out.print("\tnext\u0007");
		out.flush();

		assertThat(target.toString()).isEqualTo("name?[31m 😀" + System.lineSeparator() + "\tnext?");
	}
}
