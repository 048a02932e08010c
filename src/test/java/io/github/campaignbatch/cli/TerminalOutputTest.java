package io.github.campaignbatch.cli;

import io.github.campaignbatch.application.RunReporter;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the CLI prints of values it does not control: bounded, and free of terminal control characters.
 */
class TerminalOutputTest {

	@Test
	void controlCharactersInCampaignNamesAndVendorMessagesAreNeutralised() {
		assertThat(RunReporter.printable("Wave 1\u001b[2J\u001b[31mred\rforged\nline\ttab\u0007\u202eevil"))
			.isEqualTo("Wave 1?[2J?[31mred forged line tab??evil");
		assertThat(RunReporter.printable("Vague d'été 2 – ok")).isEqualTo("Vague d'été 2 – ok");
		assertThat(RunReporter.printable("\u009b31m")).isEqualTo("?31m");
		assertThat(RunReporter.printable(null)).isEmpty();
	}

	@Test
	void atMostTwentyUnknownColumnsAreListed() {
		List<String> few = List.of("a", "b");
		List<String> many = IntStream.rangeClosed(1, 25).mapToObj(i -> "col" + i).toList();

		assertThat(InputOptions.listed(few)).isEqualTo("a, b");
		assertThat(InputOptions.listed(many)).startsWith("col1, col2, ").endsWith("col20 and 5 more").doesNotContain("col21");
		assertThat(InputOptions.listed(many.subList(0, 20))).endsWith("col20");
	}
}
