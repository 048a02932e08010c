package io.github.campaignbatch.job;

import io.github.campaignbatch.submission.RunLease;

import org.springframework.batch.core.job.JobExecution;

/**
 * What came of asking for a run.
 *
 * @param kind how it went
 * @param execution the execution that ran, or the earlier one that makes this request unnecessary or refused
 * @param holder who holds the job instance, when another process runs it
 */
public record JobRun(Kind kind, JobExecution execution, RunLease.Holder holder) {

	public enum Kind {
		/** The job ran (or restarted); see the execution's status. */
		RAN,
		/** This input and account completed before; nothing was done again. */
		ALREADY_COMPLETE,
		/** Another live process runs this job instance. */
		ALREADY_RUNNING,
		/** The execution ran against another target (simulator or real API) than this process sends to: left alone. */
		OTHER_TARGET
	}
}
