/**
 * The exactly-once submitter: the campaign ledger (PLANNED, SUBMITTING, SCHEDULED, REJECTED, UNKNOWN, FAILED; a rollout's HELD, HALTED, EXPIRED waves), reconciliation against the vendor's campaign history, and the writer that drives it.
 */
package io.github.campaignbatch.submission;
