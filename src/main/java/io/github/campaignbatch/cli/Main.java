package io.github.campaignbatch.cli;

import java.io.PrintWriter;

import ch.qos.logback.classic.Level;
import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.ApplicationFactory;
import io.github.campaignbatch.application.DatabaseInUseException;
import io.github.campaignbatch.application.Failures;
import io.github.campaignbatch.application.JobDatabaseException;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.job.StopSignals;
import io.github.campaignbatch.output.CleanLogMessages;
import io.github.campaignbatch.output.TerminalText;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The process entry point: {@code java -jar campaign-batch.jar <command> [options]}.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) {
		StopSignals.install();
		System.exit(execute(args));
	}

	/** Runs one command and returns its exit code; tests call this instead of {@link #main}. */
	public static int execute(String... args) {
		return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
	}

	/** Runs one command writing to the given streams; the end-to-end tests read what the operator would see. */
	public static int execute(PrintWriter out, PrintWriter err, String... args) {
		return execute(ApplicationFactory.SPRING_BOOT, out, err, args);
	}

	/**
	 * Runs one command whose application {@code applications} starts (a test may lend every command one started
	 * application), writing to the given streams.
	 */
	public static int execute(ApplicationFactory applications, PrintWriter out, PrintWriter err, String... args) {
		quietLoggingUntilSpringStarts();
		CleanLogMessages.install();
		// Everything printed passes through TerminalText: no control character from a value reaches the terminal.
		int exitCode = commandLine(applications, TerminalText.cleaning(out), TerminalText.cleaning(err)).execute(args);
		out.flush();
		err.flush();
		return exitCode;
	}

	/**
	 * The input is checked before Spring configures logging, and unconfigured Logback logs everything at DEBUG to
	 * standard output, where POI's chatter while opening a workbook would mix with the command's output. The root
	 * level is WARN until Spring applies the {@code logging.*} properties, which it does as it starts.
	 */
	static void quietLoggingUntilSpringStarts() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext logback) {
			logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
		}
	}

	static CommandLine commandLine(PrintWriter out, PrintWriter err) {
		return commandLine(ApplicationFactory.SPRING_BOOT, out, err);
	}

	static CommandLine commandLine(ApplicationFactory applications, PrintWriter out, PrintWriter err) {
		CommandLine commandLine = new CommandLine(RootCommand.class, new CommandFactory(applications));
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		// Plain help text: the output streams let no escape sequence through.
		commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
		versionOnEveryCommand(commandLine);
		commandLine.setParameterExceptionHandler((ex, args) -> {
			// One line that says what is wrong and where help is, not the whole usage text.
			CommandLine command = ex.getCommandLine();
			command.getErr().println("error: " + TerminalText.clean(ex.getMessage()) + suggestion(ex) + " (see '"
					+ command.getCommandSpec().qualifiedName() + " --help')");
			return ExitCodes.USAGE;
		});
		commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> {
			boolean verbose = parseResult.hasMatchedOption("--verbose")
					|| parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--verbose"));
			if (ex instanceof UsageException) {
				command.getErr().println("error: " + TerminalText.clean(ex.getMessage()));
				return ExitCodes.USAGE;
			}
			if (ex instanceof DatabaseInUseException || ex instanceof JobDatabaseException) {
				command.getErr().println("error: " + TerminalText.clean(ex.getMessage()));
				if (verbose) {
					ex.printStackTrace(command.getErr());
				}
				return ex instanceof DatabaseInUseException ? ExitCodes.ALREADY_RUNNING : ExitCodes.FAILED;
			}
			command.getErr().println("error: " + TerminalText.clean(Failures.describe(ex)));
			if (verbose) {
				ex.printStackTrace(command.getErr());
			}
			return ExitCodes.FAILED;
		});
		return commandLine;
	}

	/** {@code -V}/{@code --version}, which every command's help lists, print the version on every command. */
	private static void versionOnEveryCommand(CommandLine commandLine) {
		commandLine.getCommandSpec().versionProvider(new VersionProvider());
		commandLine.getSubcommands().values().forEach(Main::versionOnEveryCommand);
	}

	/** For a mistyped command or option, the closest one picocli knows ({@code valdate}: validate). */
	static String suggestion(CommandLine.ParameterException ex) {
		if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
			return "; did you mean '" + unmatched.getSuggestions().get(0) + "'?";
		}
		return "";
	}
}
