/**
 * Reading input spreadsheets. {@link io.github.campaignbatch.input.RowSources} opens a CSV file (opencsv's
 * RFC 4180 parser over a strict decoder) or an XLSX workbook (a streaming StAX reader) as a
 * {@link io.github.campaignbatch.input.RowSource} of {@link io.github.campaignbatch.input.InputRow}s keyed by
 * canonical {@link io.github.campaignbatch.input.Column}; {@link io.github.campaignbatch.input.SpreadsheetItemReader}
 * serves those rows to a Spring Batch step. Both formats are read in bounded memory. File-level problems surface
 * as {@link io.github.campaignbatch.input.InputFileException} with a one-line message for the operator.
 */
package io.github.campaignbatch.input;
