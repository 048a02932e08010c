/**
 * The picocli command line, and only that: the commands (each parses its options, starts the application through the
 * {@link io.github.campaignbatch.application.ApplicationFactory} it is given, calls a service and returns an exit
 * code), their option classes (mixins), {@link io.github.campaignbatch.cli.Main}, the factory picocli makes the
 * commands with and the version provider. {@code architecture/CommandLineHoldsCommandsTest} keeps it so.
 */
package io.github.campaignbatch.cli;
