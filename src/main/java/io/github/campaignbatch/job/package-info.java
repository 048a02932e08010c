/**
 * Spring Batch wiring only: the job, its steps and their readers and writers, and the steps' one extension point
 * ({@link io.github.campaignbatch.job.StepCheckpointListener}, none by default). Business rules live in the feature
 * packages.
 */
package io.github.campaignbatch.job;
