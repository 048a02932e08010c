/**
 * Streaming spreadsheet readers (CSV via opencsv, XLSX via a StAX reader) that turn an input file into {@link io.github.campaignbatch.input.InputRow}s keyed by canonical column. File-level problems surface as {@link io.github.campaignbatch.input.InputFileException}.
 */
package io.github.campaignbatch.input;
