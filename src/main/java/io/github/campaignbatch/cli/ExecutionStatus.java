package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.util.Map;

import io.github.campaignbatch.report.DeviceOutcome;
import io.github.campaignbatch.report.ResultsRepository;
import io.github.campaignbatch.tracking.DeviceProgress;
import io.github.campaignbatch.tracking.TrackedCampaign;
import io.github.campaignbatch.tracking.TrackingStore;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code status --execution ID}: one execution's devices by outcome, its scheduled devices by their status at
 * ThingSpace as last tracked, and each scheduled campaign's vendor status.
 */
final class ExecutionStatus {

	private ExecutionStatus() {
	}

	static int print(ConfigurableApplicationContext context, JobExecution execution, PrintWriter out) {
		long instance = execution.getJobInstanceId();
		out.println("Execution " + execution.getId() + ": " + execution.getStatus());
		StringBuilder outcomes = new StringBuilder();
		for (Map.Entry<DeviceOutcome, Long> entry : context.getBean(ResultsRepository.class).outcomeCounts(instance)
			.entrySet()) {
			if (entry.getValue() > 0) {
				outcomes.append(outcomes.isEmpty() ? "" : ", ").append(entry.getKey()).append(' ')
					.append(String.format(java.util.Locale.ROOT, "%,d", entry.getValue()));
			}
		}
		out.println("  devices: " + (outcomes.isEmpty() ? "none" : outcomes));
		TrackingStore store = context.getBean(TrackingStore.class);
		DeviceProgress progress = store.progress(instance);
		out.println("  at ThingSpace (last 'track'): " + progress.describe());
		for (TrackedCampaign campaign : store.scheduled(instance)) {
			out.println("  campaign '" + campaign.name() + "' " + campaign.remoteId() + ": " + campaign.vendorStatus()
					+ (campaign.finished() ? " (final)" : ""));
		}
		return ExitCodes.OK;
	}
}
