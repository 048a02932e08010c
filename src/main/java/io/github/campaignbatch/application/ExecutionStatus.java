package io.github.campaignbatch.application;

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
import io.github.campaignbatch.submission.LedgerCampaign;
import io.github.campaignbatch.tracking.DeviceProgress;
import io.github.campaignbatch.tracking.TrackedCampaign;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code status --execution ID}: one execution's devices by outcome, its scheduled devices by their status at
 * ThingSpace as last tracked ("not tracked yet" before the first {@code track}), each scheduled campaign's vendor
 * status, each campaign that was not sent, with its state and reason, and the changes {@code amend} made.
 */
public final class ExecutionStatus {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

	private ExecutionStatus() {
	}

	public static int print(Application application, JobExecution execution, PrintWriter out) {
		long instance = execution.getJobInstanceId();
		out.println("Execution " + execution.getId() + ": " + execution.getStatus());
		StringBuilder outcomes = new StringBuilder();
		for (Map.Entry<DeviceOutcome, Long> entry : application.results().outcomeCounts(instance)
			.entrySet()) {
			if (entry.getValue() > 0) {
				outcomes.append(outcomes.isEmpty() ? "" : ", ").append(entry.getKey()).append(' ')
					.append(String.format(java.util.Locale.ROOT, "%,d", entry.getValue()));
			}
		}
		out.println("  devices: " + (outcomes.isEmpty() ? "none" : outcomes));
		String inDoubt = inDoubt(application, instance);
		if (inDoubt != null) {
			out.println("  " + inDoubt);
		}
		Optional<Instant> tracked = application.tracking().lastTracked(instance);
		if (tracked.isEmpty()) {
			// Before any 'track' nothing was read from ThingSpace: its devices are not "pending" there, just unknown.
			out.println("  at ThingSpace: not tracked yet ('track --execution " + execution.getId() + "' reads it)");
		}
		else {
			DeviceProgress progress = application.tracking().progress(instance);
			out.println("  at ThingSpace (last 'track', " + WHEN.format(tracked.get()) + " UTC): " + progress.describe());
		}
		for (TrackedCampaign campaign : application.tracking().scheduled(instance)) {
			out.println("  campaign '" + RunReporter.printable(campaign.name()) + "' " + campaign.remoteId() + ": "
					+ (tracked.isEmpty() ? "scheduled" : campaign.vendorStatus()) + (campaign.finished() ? " (final)" : ""));
		}
		application.results().forEachCampaign(instance, campaign -> {
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
		printChanges(application.amendments().ofJobInstance(instance), out);
		RolloutLines.status(application, instance, out);
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

	/**
	 * The line for a job instance with campaigns in doubt (whatever its last execution's status, COMPLETED included
	 * for one an earlier version completed so): how many, and from when a run or restart settles them; {@code null}
	 * when none is.
	 */
	public static String inDoubt(Application application, long jobInstanceId) {
		List<LedgerCampaign> inDoubt = application.inDoubt(jobInstanceId);
		if (inDoubt.isEmpty()) {
			return null;
		}
		return "in doubt: " + inDoubt.size() + " campaign(s) sent, answer lost, not in ThingSpace's history yet; a run or"
				+ " restart after " + settleableAfter(application, inDoubt) + " settles them (found: SCHEDULED, absent: sent once)";
	}

	/** When a run may settle the last of these campaigns in doubt, as printed: {@code 2026-01-01 02:10:00 UTC}. */
	public static String settleableAfter(Application application, List<LedgerCampaign> inDoubt) {
		Instant latest = inDoubt.stream().map(campaign -> campaign.settleableAfter(application.visibilityHorizon()))
			.max(Instant::compareTo).orElseThrow();
		return UTC_TIME.format(latest) + " UTC";
	}

	private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);
}
