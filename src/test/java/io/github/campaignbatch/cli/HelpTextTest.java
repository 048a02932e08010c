package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code --help} shows a new user: the command list gives each command's first description line, so that line
 * must be a whole sentence (issue 21: "track ... from ThingSpace, store them,"); and every line of a command's own
 * description ends a sentence instead of breaking one in the middle.
 */
class HelpTextTest {

	@Test
	void everyCommandsSummaryInTheCommandListIsAWholeSentence() {
		String help = help();
		Map<String, CommandLine> commands = Main.commandLine(new PrintWriter(new StringWriter()),
				new PrintWriter(new StringWriter())).getSubcommands();

		assertThat(commands).isNotEmpty();
		commands.forEach((name, command) -> {
			String summary = command.getCommandSpec().usageMessage().description()[0];
			assertThat(summary).as("summary of '%s'", name).matches(".*[.)]$");
			assertThat(normalised(help)).as("the command list shows all of '%s'", name).contains(normalised(summary));
		});
	}

	@Test
	void noDescriptionLineBreaksASentenceInTheMiddle() {
		Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
			.getSubcommands()
			.forEach((name, command) -> Arrays.stream(command.getCommandSpec().usageMessage().description())
				.forEach(line -> assertThat(line).as("a description line of '%s'", name).matches("(?s).*[.):]$")));
	}

	private static String help() {
		StringWriter out = new StringWriter();
		Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--help");
		return out.toString();
	}

	private static String normalised(String text) {
		return text.replaceAll("\\s+", " ");
	}
}
