package io.github.campaignbatch.job;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.stream.Collectors;

import io.github.campaignbatch.campaign.RolloutPolicy;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job's parameters. Identifying: the input's SHA-256, the account, the mode (a dry run adds a unique
 * run id, so it can repeat) and, for a run that sends, its {@link RunTarget} (the simulator or the real API's
 * origin), so that simulated work never stands for real work. Never a path, never a secret: the same content run again is the same job
 * instance wherever the file lies, which is what makes a re-run a restart instead of a second submission.
 */
public final class CampaignJobParameters {

	public static final String INPUT_SHA256 = "input.sha256";

	public static final String ACCOUNT = "account";

	public static final String MODE = "mode";

	/** Identifying, absent for a dry run and for executions recorded before it existed (see {@link RunTarget}). */
	public static final String TARGET = "target";

	public static final String RUN_ID = "run.id";

	public static final String INPUT_FILE = "input.file";

	public static final String REPORT_FILE = "report.file";

	public static final String SHEET = "sheet";

	public static final String DATE_FORMAT = "date.format";

	public static final String TODAY = "today";

	/** The zone of rows without a {@code timeZone} cell ({@code --time-zone}); absent when none was given. */
	public static final String TIME_ZONE = "time.zone";

	/**
	 * The API's zone ({@code thingspace.time-zone}) when the execution was launched: a restart converts local times
	 * the way the first run did, whatever the setting says by then.
	 */
	public static final String API_TIME_ZONE = "api.time.zone";

	/**
	 * Non-identifying: the rollout policy asked for ({@link RolloutPolicy#parameter}), absent without waves. The group
	 * step plans the waves with it once and records it in the ledger, which every later release reads; a run of the
	 * same input with another policy continues (or finds complete) the same job instance and its planned waves, so no
	 * device is ever sent twice.
	 */
	public static final String ROLLOUT = "rollout";

	public static final String MODE_SUBMIT = "submit";

	public static final String MODE_DRY_RUN = "dry-run";

	private CampaignJobParameters() {
	}

	public static JobParameters of(RunRequest request, String inputSha256) {
		JobParametersBuilder builder = new JobParametersBuilder().addString(INPUT_SHA256, inputSha256)
			.addString(ACCOUNT, request.account() == null ? "" : request.account())
			.addString(MODE, request.dryRun() ? MODE_DRY_RUN : MODE_SUBMIT);
		if (request.dryRun()) {
			builder.addString(RUN_ID, UUID.randomUUID().toString());
		}
		else {
			builder.addString(TARGET, request.target().value());
		}
		builder.addString(INPUT_FILE, request.input().toAbsolutePath().normalize().toString(), false)
			.addString(REPORT_FILE, request.report().toAbsolutePath().normalize().toString(), false)
			.addString(TODAY, request.today().toString(), false);
		if (request.sheet() != null) {
			builder.addString(SHEET, request.sheet(), false);
		}
		if (request.dateFormat() != null) {
			builder.addString(DATE_FORMAT, request.dateFormat(), false);
		}
		if (request.timeZone() != null) {
			builder.addString(TIME_ZONE, request.timeZone().getId(), false);
		}
		if (request.apiTimeZone() != null) {
			builder.addString(API_TIME_ZONE, request.apiTimeZone().getId(), false);
		}
		if (!request.rollout().isNone()) {
			builder.addString(ROLLOUT, request.rollout().parameter(), false);
		}
		return builder.toJobParameters();
	}

	/** The key of the run lease: one per job instance, known before the instance exists. */
	public static String leaseKey(JobParameters parameters) {
		String runId = parameters.getString(RUN_ID);
		String target = parameters.getString(TARGET);
		return "campaignJob:" + parameters.getString(INPUT_SHA256) + ":" + parameters.getString(ACCOUNT) + ":"
				+ parameters.getString(MODE) + (target == null ? "" : ":" + target) + (runId == null ? "" : ":" + runId);
	}

	/**
	 * The parameters of a run recorded before the target was identifying: these, without the target. A real run
	 * whose input and account completed (or failed) that way continues that job instance ({@link RunTarget#UNRECORDED}).
	 */
	public static JobParameters withoutTarget(JobParameters parameters) {
		return new JobParameters(parameters.parameters()
			.stream()
			.filter(parameter -> !parameter.name().equals(TARGET))
			.collect(Collectors.toSet()));
	}

	public static RunTarget target(JobParameters parameters) {
		return RunTarget.of(parameters);
	}

	public static boolean isDryRun(JobParameters parameters) {
		return MODE_DRY_RUN.equals(parameters.getString(MODE));
	}

	public static Path reportFile(JobParameters parameters) {
		return Path.of(parameters.getString(REPORT_FILE));
	}

	public static Path inputFile(JobParameters parameters) {
		return Path.of(parameters.getString(INPUT_FILE));
	}

	public static String inputSha256(JobParameters parameters) {
		return parameters.getString(INPUT_SHA256);
	}

	/** The account for rows without one; empty when none was given. */
	public static String account(JobParameters parameters) {
		return parameters.getString(ACCOUNT);
	}

	/** The XLSX sheet to read, or {@code null} for the first visible one. */
	public static String sheet(JobParameters parameters) {
		return parameters.getString(SHEET);
	}

	/** The extra accepted date pattern, or {@code null}. */
	public static String dateFormat(JobParameters parameters) {
		return parameters.getString(DATE_FORMAT);
	}

	/** The zone of rows without a {@code timeZone} cell, or {@code null}: the API's. */
	public static ZoneId timeZone(JobParameters parameters) {
		String zone = parameters.getString(TIME_ZONE);
		return zone == null ? null : ZoneId.of(zone);
	}

	/** The API's zone the execution was launched with, or {@code null} when it was launched before it was kept. */
	public static ZoneId apiTimeZone(JobParameters parameters) {
		String zone = parameters.getString(API_TIME_ZONE);
		return zone == null ? null : ZoneId.of(zone);
	}

	/** The rollout policy this execution was asked to plan with; {@link RolloutPolicy#NONE} without one. */
	public static RolloutPolicy rollout(JobParameters parameters) {
		return RolloutPolicy.parse(parameters.getString(ROLLOUT));
	}

	public static LocalDate today(JobParameters parameters) {
		return LocalDate.parse(parameters.getString(TODAY));
	}
}
