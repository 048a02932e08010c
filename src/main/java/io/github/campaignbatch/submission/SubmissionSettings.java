package io.github.campaignbatch.submission;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the submit step behaves ({@code campaign.submission.*}).
 *
 * @param reconcileDelay how long after an ambiguous answer the vendor's history is first read again; later
 * re-reads back off (doubling, at most {@link #MAX_REREAD_INTERVAL} apart) until the visibility horizon
 * @param maxSendsPerRun POSTs of one campaign within one run; more than one happens only when a history read
 * made a whole visibility horizon after the earlier POST proved it created nothing
 * @param chunkSize campaigns per chunk (a chunk is the unit of a graceful stop)
 * @param visibilityHorizon how long after its creation a campaign may still be missing from the vendor's
 * history (and GET): an in-doubt campaign is declared "not created" (and sent again) only from a history read
 * that began at least this long after its last POST. The one knob that trades speed for safety: shorter settles
 * lost answers sooner, but a vendor lagging longer than this gets the campaign twice
 * @param unreachableAfter campaigns in a row that could not be sent at all (connection refused, retries used up)
 * after which ThingSpace is taken to be down: the step stops sending and fails, so that a later run resumes
 * @param waitForHorizon at the end of the submit step, wait for the campaigns in doubt up to their visibility horizon
 * (true: {@code run}, {@code restart}); false: give them one more history read and end the run with them in doubt
 * ({@code schedule} sets it, so that one file does not hold the others for a horizon; a later tick settles them)
 */
@ConfigurationProperties("campaign.submission")
public record SubmissionSettings(@DefaultValue("5s") Duration reconcileDelay, @DefaultValue("3") int maxSendsPerRun,
		@DefaultValue("8") int chunkSize, @DefaultValue("10m") Duration visibilityHorizon,
		@DefaultValue("3") int unreachableAfter, @DefaultValue("true") boolean waitForHorizon) {

	/** Re-reads of the history for in-doubt campaigns are never further apart than this. */
	public static final Duration MAX_REREAD_INTERVAL = Duration.ofMinutes(1);

	/** The property that {@code schedule} sets to false (see {@code waitForHorizon}). */
	public static final String WAIT_FOR_HORIZON = "campaign.submission.wait-for-horizon";

	public SubmissionSettings {
		if (reconcileDelay == null || reconcileDelay.isNegative()) {
			throw new IllegalArgumentException("campaign.submission.reconcile-delay must not be negative");
		}
		if (visibilityHorizon == null || visibilityHorizon.isNegative()) {
			throw new IllegalArgumentException("campaign.submission.visibility-horizon must not be negative");
		}
		if (maxSendsPerRun < 1 || chunkSize < 1 || unreachableAfter < 1) {
			throw new IllegalArgumentException(
					"campaign.submission.max-sends-per-run, chunk-size and unreachable-after must be at least 1");
		}
	}
}
