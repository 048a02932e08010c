package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials for ThingSpace and the database come only from the environment or a configuration file: an option for one would put it in
 * {@code ps} output, shell history and scheduler definitions.
 */
class NoSecretOptionsTest {

	private static final Pattern SECRET_LIKE = Pattern.compile("(?i)secret|password|passwd|token|credential|api-?key");

	@Test
	void noCommandHasAnOptionThatTakesASecret() {
		CommandLine root = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
		List<String> options = new ArrayList<>();
		collect(root, options);

		assertThat(options).as("every option of every command").hasSizeGreaterThan(20)
			.contains("run --account", "schedule --inbox")
			.noneMatch(option -> SECRET_LIKE.matcher(option).find());
	}

	private static void collect(CommandLine command, List<String> into) {
		for (OptionSpec option : command.getCommandSpec().options()) {
			for (String name : option.names()) {
				into.add(command.getCommandName() + " " + name);
			}
		}
		// The simulator's --client-secret and --password choose what the fake server accepts: never a real credential.
		command.getSubcommands().values().stream()
			.filter(sub -> !"simulator".equals(sub.getCommandName()))
			.forEach(sub -> collect(sub, into));
	}
}
