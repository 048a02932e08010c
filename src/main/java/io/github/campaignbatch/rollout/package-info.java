/**
 * Rollouts in waves (issue 22): the gate rule ({@link io.github.campaignbatch.rollout.Gate}), the waves of a job
 * instance as the ledger holds them ({@link io.github.campaignbatch.rollout.RolloutLedger}), and what {@code track},
 * the {@code schedule} service and the {@code rollout} command do with them
 * ({@link io.github.campaignbatch.rollout.Rollouts}): release a wave whose gate passed through the submitter's own
 * exactly-once path, halt a rollout that failed its gate, expire waves whose end date passed. The waves themselves
 * are planned by the group step (see {@link io.github.campaignbatch.campaign.RolloutPolicy}).
 */
package io.github.campaignbatch.rollout;
