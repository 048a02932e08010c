package io.github.campaignbatch.submission;

/**
 * A campaign's place in the submission ledger.
 *
 * <pre>
 * PLANNED ──► SUBMITTING ──► SCHEDULED            (2xx; the vendor's id kept)
 *                  │    └──► REJECTED             (4xx; the vendor's code and message kept)
 *                  └──► UNKNOWN ──reconcile──► SCHEDULED (found in the history) | PLANNED (not found: resend)
 * FAILED (never reached the vendor, retries exhausted) ──restart──► PLANNED
 *
 * HELD (a later wave of a rollout) ──its gate passes, or an operator releases it──► PLANNED (released_at, start date
 *   │                                                                                of the release day)
 *   ├──► HALTED   (the waves before it ended below the gate, or an operator halted the rollout; never sent)
 *   └──► EXPIRED  (its end date passed before its release; never sent)
 * </pre>
 *
 * {@code SUBMITTING} is committed before the POST and the outcome after it, each in its own transaction, so
 * a crash between the two leaves a trace that the next start reconciles before sending anything. A HELD wave is
 * never read by the submit step: only its release makes it PLANNED, and from there it takes the same path.
 */
public enum CampaignState {
	PLANNED, SUBMITTING, SCHEDULED, REJECTED, UNKNOWN, FAILED, HELD, HALTED, EXPIRED;

	/** States in which a POST may have created the campaign without our knowing its id. */
	public boolean needsReconciliation() {
		return this == SUBMITTING || this == UNKNOWN;
	}
}
