/**
 * The exactly-once submitter: the campaign ledger (PLANNED, SUBMITTING, SCHEDULED, REJECTED, UNKNOWN, FAILED), reconciliation against the vendor's campaign history, and the writer that drives it.
 */
package io.github.campaignbatch.submission;
