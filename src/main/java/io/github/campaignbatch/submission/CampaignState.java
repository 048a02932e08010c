package io.github.campaignbatch.submission;

/**
 * A campaign's place in the submission ledger.
 *
 * <pre>
 * PLANNED ──► SUBMITTING ──► SCHEDULED            (2xx; the vendor's id kept)
 *                  │    └──► REJECTED             (4xx; the vendor's code and message kept)
 *                  └──► UNKNOWN ──reconcile──► SCHEDULED (found in the history) | PLANNED (not found: resend)
 * FAILED (never reached the vendor, retries exhausted) ──restart──► PLANNED
 * </pre>
 *
 * {@code SUBMITTING} is committed before the POST and the outcome after it, each in its own transaction, so
 * a crash between the two leaves a trace that the next start reconciles before sending anything.
 */
public enum CampaignState {
	PLANNED, SUBMITTING, SCHEDULED, REJECTED, UNKNOWN, FAILED;

	/** States in which a POST may have created the campaign without our knowing its id. */
	public boolean needsReconciliation() {
		return this == SUBMITTING || this == UNKNOWN;
	}
}
