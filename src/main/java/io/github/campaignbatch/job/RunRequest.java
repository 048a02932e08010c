package io.github.campaignbatch.job;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What the operator asked for: one input file, run for real or as a dry run.
 *
 * @param input the spreadsheet
 * @param account the account for rows without one, or {@code null}
 * @param dryRun validate and plan only; nothing is sent
 * @param report where the results report goes
 * @param sheet the XLSX sheet to read, or {@code null} for the first visible one
 * @param dateFormat an extra accepted date pattern, or {@code null}
 * @param today the date start dates are checked against (UTC)
 */
public record RunRequest(Path input, String account, boolean dryRun, Path report, String sheet, String dateFormat,
		LocalDate today) {
}
