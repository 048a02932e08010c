package io.github.campaignbatch.job;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import io.github.campaignbatch.campaign.RolloutPolicy;

/**
 * What the operator asked for: one input file, run for real, against the simulator, or as a dry run.
 *
 * @param input the spreadsheet
 * @param account the account for rows without one, or {@code null}
 * @param target where campaigns go: the simulator, a real API, or {@link RunTarget#NONE} for a dry run
 * @param report where the results report goes
 * @param sheet the XLSX sheet to read, or {@code null} for the first visible one
 * @param dateFormat an extra accepted date pattern, or {@code null}
 * @param today the date start dates are checked against (UTC)
 * @param timeZone the zone of rows without a {@code timeZone} cell ({@code --time-zone}), or {@code null}
 * @param apiTimeZone the zone the vendor reads dates and windows in ({@code thingspace.time-zone}), or {@code null}
 * for the configured one
 * @param rollout how each campaign is rolled out in waves; {@link RolloutPolicy#NONE}: all devices at once
 */
public record RunRequest(Path input, String account, RunTarget target, Path report, String sheet, String dateFormat,
		LocalDate today, ZoneId timeZone, ZoneId apiTimeZone, RolloutPolicy rollout) {

	/** A request for a file written in the API's zone, without waves. */
	public RunRequest(Path input, String account, RunTarget target, Path report, String sheet, String dateFormat,
			LocalDate today) {
		this(input, account, target, report, sheet, dateFormat, today, null, null, RolloutPolicy.NONE);
	}

	/** Validate and plan only; nothing is sent. */
	public boolean dryRun() {
		return this.target.dryRun();
	}
}
