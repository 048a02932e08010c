/**
 * Spring Batch wiring only: the job, its steps and their readers and writers. Business rules live in the feature packages.
 */
package io.github.campaignbatch.job;
