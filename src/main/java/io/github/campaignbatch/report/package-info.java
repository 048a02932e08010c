/**
 * Results reports: one line per device entry, as CSV or streamed XLSX, with spreadsheet formula injection escaped.
 */
package io.github.campaignbatch.report;
