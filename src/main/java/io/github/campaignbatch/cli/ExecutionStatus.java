package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.campaignbatch.amendment.AmendmentStore;
import io.github.campaignbatch.output.TerminalText;
import io.github.campaignbatch.report.DeviceOutcome;
import io.github.campaignbatch.submission.CampaignState;
import io.github.campaignbatch.tracking.DeviceProgress;
import io.github.campaignbatch.tracking.TrackedCampaign;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code status --execution ID}: one execution's devices by outcome, its scheduled devices by their status at
 * ThingSpace as last tracked ("not tracked yet" before the first {@code track}), each scheduled campaign's vendor
 * status, each campaign that was not sent, with its state and reason, and the changes {@code amend} made.
 */
final class ExecutionStatus {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

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
		Optional<Instant> tracked = backend.tracking().lastTracked(instance);
		if (tracked.isEmpty()) {
			// Before any 'track' nothing was read from ThingSpace: its devices are not "pending" there, just unknown.
			out.println("  at ThingSpace: not tracked yet ('track --execution " + execution.getId() + "' reads it)");
		}
		else {
			DeviceProgress progress = backend.tracking().progress(instance);
			out.println("  at ThingSpace (last 'track', " + WHEN.format(tracked.get()) + " UTC): " + progress.describe());
		}
		for (TrackedCampaign campaign : backend.tracking().scheduled(instance)) {
			out.println("  campaign '" + RunReporter.printable(campaign.name()) + "' " + campaign.remoteId() + ": "
					+ (tracked.isEmpty() ? "scheduled" : campaign.vendorStatus()) + (campaign.finished() ? " (final)" : ""));
		}
		backend.results().forEachCampaign(instance, campaign -> {
			// a rollout's wave waiting for its gate is on its way: the rollout lines below show it
			if (!CampaignState.SCHEDULED.name().equals(campaign.state())
					&& !CampaignState.HELD.name().equals(campaign.state())) {
				out.println("  not sent: campaign '" + RunReporter.printable(campaign.name()) + "' (" + campaign.devices()
						+ (campaign.devices() == 1 ? " device" : " devices") + "): " + campaign.state()
						+ (campaign.errorCode().isEmpty() ? ""
								: " " + RunReporter.printable(campaign.errorCode()) + ": "
										+ RunReporter.printable(campaign.errorMessage())));
			}
		});
		printChanges(backend.amendments().ofJobInstance(instance), out);
		RolloutLines.status(backend, instance, out);
		return ExitCodes.OK;
	}

	/** What {@code amend} changed: when, what, how it ended, and by which command. */
	private static void printChanges(List<AmendmentStore.Amendment> changes, PrintWriter out) {
		if (changes.isEmpty()) {
			return;
		}
		out.println("  changes (amend):");
		for (AmendmentStore.Amendment change : changes) {
			String what = change.kind() == AmendmentStore.Kind.DATES
					? "dates " + (change.before() == null ? "" : change.before() + " -> ") + change.requested()
					: "devices: " + change.added().size() + " added, " + change.removed().size() + " removed";
			out.println("    " + WHEN.format(change.requestedAt().atOffset(ZoneOffset.UTC)) + " UTC '"
					+ TerminalText.clean(change.campaignName()) + "': " + what + ": " + change.state()
					+ (change.outcome() == null || change.outcome().equals("applied") ? ""
							: " (" + TerminalText.clean(change.outcome()) + ")"));
			out.println("      by: " + TerminalText.clean(change.command()));
		}
	}
}
