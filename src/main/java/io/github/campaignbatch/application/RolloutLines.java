package io.github.campaignbatch.application;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.campaignbatch.campaign.RolloutPolicy;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.rollout.RolloutLedger;
import io.github.campaignbatch.rollout.Rollouts;
import io.github.campaignbatch.rollout.WaveRow;
import io.github.campaignbatch.submission.CampaignState;

import org.springframework.batch.core.job.JobExecution;

/**
 * What a run's summary and {@code status --execution} say of its rollouts: the policy, each campaign's waves.
 */
public final class RolloutLines {

	private static final int CAMPAIGNS_LISTED = 20;

	private RolloutLines() {
	}

	/**
	 * The run summary's lines: the policy the waves were planned with, then one line per campaign ({@code 'fw': pilot
	 * 20, then 30, then 50}); a note when this execution asked for another policy than the one its input was planned
	 * with (the planned one is kept). Nothing without waves.
	 */
	public static void summary(Application application, JobExecution execution, PrintWriter out) {
		RolloutLedger ledger = application.rolloutLedger();
		long instance = execution.getJobInstanceId();
		RolloutPolicy planned = ledger.policy(instance);
		RolloutPolicy asked = CampaignJobParameters.rollout(execution.getJobParameters());
		Map<String, List<WaveRow>> campaigns = ledger.campaigns(instance);
		if (!planned.equals(asked) && (!campaigns.isEmpty() || application.results().hasCampaigns(instance))) {
			out.println("  note               this input was planned with " + planned.describe() + ": kept; the rollout"
					+ " options of this execution (" + asked.describe() + ") apply to new inputs only");
		}
		if (planned.isNone()) {
			return;
		}
		out.println("  rollout            " + planned.describe() + " (later waves are sent by 'track' as their gates pass)");
		int listed = 0;
		for (List<WaveRow> campaign : campaigns.values()) {
			if (listed++ == CAMPAIGNS_LISTED) {
				out.printf("    ... and %d more (see the report's wave column)%n", campaigns.size() - CAMPAIGNS_LISTED);
				break;
			}
			out.println("    '" + RunReporter.printable(campaign.get(0).campaignName()) + "': "
					+ planned.describeWaves(sizes(campaign)));
		}
	}

	/** {@code status --execution}: each rollout's waves, released, pending a gate, halted or expired. */
	public static void status(Application application, long jobInstanceId, PrintWriter out) {
		RolloutLedger ledger = application.rolloutLedger();
		RolloutPolicy policy = ledger.policy(jobInstanceId);
		if (policy.isNone()) {
			return;
		}
		boolean dryRun = ledger.plannedByDryRun(jobInstanceId);
		for (List<WaveRow> campaign : ledger.campaigns(jobInstanceId).values()) {
			out.println("  rollout '" + RunReporter.printable(campaign.get(0).campaignName()) + "' (" + policy.describe()
					+ "): " + policy.describeWaves(sizes(campaign)));
			Map<Integer, List<WaveRow>> waves = new TreeMap<>();
			campaign.forEach(row -> waves.computeIfAbsent(row.waveNo(), wave -> new ArrayList<>()).add(row));
			waves.forEach((waveNo, rows) -> out.println("    wave " + waveNo + " of " + rows.get(0).waveCount() + ": "
					+ RunReporter.printable(describe(ledger, rows, dryRun))));
		}
	}

	private static String describe(RolloutLedger ledger, List<WaveRow> wave, boolean dryRun) {
		WaveRow first = wave.get(0);
		long devices = wave.stream().mapToLong(WaveRow::deviceCount).sum();
		String size = devices + " device(s)";
		return switch (first.state()) {
			case HELD -> (dryRun ? "planned (dry run), " : "pending its gate, ") + size;
			case HALTED, EXPIRED -> first.state() + ", " + size + ": " + first.errorMessage();
			case REJECTED -> "REJECTED by ThingSpace, " + size + ": " + first.errorCode() + " " + first.errorMessage();
			default -> {
				List<WaveRow> sent = wave.stream().filter(row -> row.state() == CampaignState.SCHEDULED).toList();
				String released = first.releasedAt() == null ? "" : " on " + first.releasedAt().toString().substring(0, 10);
				yield (first.waveNo() == 1 ? "sent with the run" : "released" + released) + ", " + size + ", "
						+ Rollouts.describeStates(wave) + (sent.isEmpty() ? "" : "; " + ledger.measure(sent).describe());
			}
		};
	}

	/** Devices per wave, in wave order. */
	private static List<Integer> sizes(List<WaveRow> campaign) {
		Map<Integer, Integer> sizes = new TreeMap<>();
		campaign.forEach(row -> sizes.merge(row.waveNo(), row.deviceCount(), Integer::sum));
		return List.copyOf(sizes.values());
	}
}
