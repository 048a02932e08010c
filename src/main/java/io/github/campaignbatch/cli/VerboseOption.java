package io.github.campaignbatch.cli;

import picocli.CommandLine.Option;

/**
 * {@code --verbose}, one declaration for every command that takes it: more logging (Spring and Batch included), and
 * the stack trace of a failure ({@code Main} looks for the option on any subcommand).
 */
final class VerboseOption {

	@Option(names = "--verbose", description = "More logging, and stack traces on failure.")
	boolean verbose;
}
