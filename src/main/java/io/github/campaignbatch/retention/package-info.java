/**
 * What the job database keeps and for how long: a dry run's staged rows go once its report is written, and
 * {@code prune} forgets what is older than an operator's horizon while keeping the ledger of real submissions for as
 * long as the vendor may still answer for them.
 */
package io.github.campaignbatch.retention;
