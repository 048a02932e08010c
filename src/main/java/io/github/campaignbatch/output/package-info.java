/**
 * What the job writes, made safe where other users or hostile input may have a hand. Files: every file the job
 * produces (reports, error notes, templates) is written as an owner-only temporary file in its target folder and
 * renamed into place, a target that is not a regular file is refused, links are never followed, and the folders the
 * job creates are owner-only ({@link io.github.campaignbatch.output.SafeFiles}). Text: every value from an input
 * file, the vendor or a file name is cleaned of control characters where it reaches a terminal or a log
 * ({@link io.github.campaignbatch.output.TerminalText}).
 */
package io.github.campaignbatch.output;
