package io.github.campaignbatch.application;

import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.github.campaignbatch.job.CampaignJobConfiguration;
import io.github.campaignbatch.job.CampaignJobLauncher;
import io.github.campaignbatch.report.DeviceOutcome;
import io.github.campaignbatch.report.ResultsRepository;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What one execution did, in one line ({@code status}'s last column): kept with a dry run's execution when its
 * staged rows are let go ({@link Application#forgetDryRun}).
 */
public final class ExecutionActivity {

	private static final Set<DeviceOutcome> VALIDATION = EnumSet.of(DeviceOutcome.INVALID, DeviceOutcome.DUPLICATE,
			DeviceOutcome.CONFLICT);

	private ExecutionActivity() {
	}

	/** The execution-context key under which a dry run keeps what it did once its rows are let go. */
	public static final String DEVICES_KEPT = "campaign.did";

	/**
	 * What this execution did: the rows its load step read, the devices its validation and grouping turned away, and
	 * the devices of the campaigns it changed last, per state. A dry run whose rows were let go kept it as text.
	 */
	public static String of(ResultsRepository results, JobExecution execution) {
		String kept = execution.getExecutionContext().getString(DEVICES_KEPT, null);
		if (kept != null) {
			return kept;
		}
		StringBuilder text = new StringBuilder();
		boolean grouped = false;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStepName().equals(CampaignJobConfiguration.LOAD_STEP) && step.getReadCount() > 0) {
				text.append("rows=").append(step.getReadCount());
			}
			grouped |= step.getStepName().equals(CampaignJobConfiguration.GROUP_STEP) && step.getStatus() == BatchStatus.COMPLETED;
		}
		if (grouped) {
			results.turnedAwayCounts(execution.getJobInstanceId()).forEach((outcome, devices) -> {
				if (devices > 0 && !outcome.isSuccessful() && VALIDATION.contains(outcome)) {
					text.append(text.isEmpty() ? "" : " ").append(outcome).append('=').append(devices);
				}
			});
		}
		if (execution.getStartTime() != null) {
			LocalDateTime end = CampaignJobLauncher.effectiveEnd(execution);
			if (end == null) {
				end = LocalDateTime.now();
			}
			Map<String, Long> changed = results
				.devicesChangedBetween(execution.getJobInstanceId(), execution.getStartTime(), end);
			changed.forEach((state, devices) -> text.append(text.isEmpty() ? "" : " ").append(state).append('=').append(devices));
		}
		return text.isEmpty() ? "-" : text.toString();
	}
}
