package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.Map;

import io.github.campaignbatch.report.DeviceOutcome;
import io.github.campaignbatch.tracking.DeviceProgress;
import io.github.campaignbatch.tracking.TrackedCampaign;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code status --execution ID}: one execution's devices by outcome, its scheduled devices by their status at
 * ThingSpace as last tracked, and each scheduled campaign's vendor status.
 */
final class ExecutionStatus {

	private ExecutionStatus() {
	}

	static int print(Backend backend, JobExecution execution, PrintWriter out) {
		long instance = execution.getJobInstanceId();
		out.println("Execution " + execution.getId() + ": " + execution.getStatus());
		StringBuilder outcomes = new StringBuilder();
		for (Map.Entry<DeviceOutcome, Long> entry : backend.results().outcomeCounts(instance)
			.entrySet()) {
			if (entry.getValue() > 0) {
				outcomes.append(outcomes.isEmpty() ? "" : ", ").append(entry.getKey()).append(' ')
					.append(String.format(java.util.Locale.ROOT, "%,d", entry.getValue()));
			}
		}
		out.println("  devices: " + (outcomes.isEmpty() ? "none" : outcomes));
		String inDoubt = StatusCommand.inDoubt(backend, instance);
		if (inDoubt != null) {
			out.println("  " + inDoubt);
		}
		DeviceProgress progress = backend.tracking().progress(instance);
		out.println("  at ThingSpace (last 'track'): " + progress.describe());
		for (TrackedCampaign campaign : backend.tracking().scheduled(instance)) {
			out.println("  campaign '" + campaign.name() + "' " + campaign.remoteId() + ": " + campaign.vendorStatus()
					+ (campaign.finished() ? " (final)" : ""));
		}
		return ExitCodes.OK;
	}
}
