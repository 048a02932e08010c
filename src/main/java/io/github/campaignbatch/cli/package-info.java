/**
 * The picocli command line: subcommands, options, the end-of-run summary and exit codes.
 */
package io.github.campaignbatch.cli;
