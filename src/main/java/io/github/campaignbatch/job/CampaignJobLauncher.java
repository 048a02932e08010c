package io.github.campaignbatch.job;

import io.github.campaignbatch.submission.RunLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts and restarts the campaign job under a run lease, so that exactly one process works on a job
 * instance at a time, and a crashed run's execution (left STARTED) is recovered before it is restarted.
 */
@Component
public class CampaignJobLauncher {

	private static final Logger log = LoggerFactory.getLogger(CampaignJobLauncher.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job campaignJob;

	private final RunLease lease;

	private final GracefulShutdown gracefulShutdown;

	public CampaignJobLauncher(JobOperator jobOperator, JobRepository jobRepository, Job campaignJob, RunLease lease,
			GracefulShutdown gracefulShutdown) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.campaignJob = campaignJob;
		this.lease = lease;
		this.gracefulShutdown = gracefulShutdown;
	}

	/** Runs the job for these parameters: a fresh start, a restart of a failed run, or nothing if done. */
	public JobRun launch(JobParameters parameters) throws Exception {
		RunLease.Acquisition acquisition = this.lease.acquire(CampaignJobParameters.leaseKey(parameters));
		if (acquisition.held() == null) {
			return new JobRun(JobRun.Kind.ALREADY_RUNNING, lastExecution(parameters), acquisition.heldBy());
		}
		try (RunLease.Held held = acquisition.held()) {
			JobExecution last = lastExecution(parameters);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				return new JobRun(JobRun.Kind.ALREADY_COMPLETE, last, null);
			}
			recoverIfCrashed(last);
			try {
				return new JobRun(JobRun.Kind.RAN, this.jobOperator.start(this.campaignJob, parameters), null);
			}
			finally {
				this.gracefulShutdown.executionReturned();
			}
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			return new JobRun(JobRun.Kind.ALREADY_COMPLETE, lastExecution(parameters), null);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			return new JobRun(JobRun.Kind.ALREADY_RUNNING, lastExecution(parameters), null);
		}
	}

	/** Restarts one execution (the job's parameters are the ones it ran with). */
	public JobRun restart(JobExecution execution) throws Exception {
		JobParameters parameters = execution.getJobParameters();
		RunLease.Acquisition acquisition = this.lease.acquire(CampaignJobParameters.leaseKey(parameters));
		if (acquisition.held() == null) {
			return new JobRun(JobRun.Kind.ALREADY_RUNNING, execution, acquisition.heldBy());
		}
		try (RunLease.Held held = acquisition.held()) {
			JobExecution last = lastExecution(parameters);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				return new JobRun(JobRun.Kind.ALREADY_COMPLETE, last, null);
			}
			recoverIfCrashed(last);
			JobExecution toRestart = last != null ? this.jobRepository.getJobExecution(last.getId()) : execution;
			try {
				return new JobRun(JobRun.Kind.RAN, this.jobOperator.restart(toRestart), null);
			}
			finally {
				this.gracefulShutdown.executionReturned();
			}
		}
	}

	/**
	 * We hold the lease, so an execution still marked as running belongs to a process that died: mark it
	 * failed so that Batch lets it restart.
	 */
	private void recoverIfCrashed(JobExecution last) {
		if (last != null && last.isRunning()) {
			log.warn("Execution {} was left {} by a process that stopped: recovering it for a restart", last.getId(),
					last.getStatus());
			this.jobOperator.recover(last);
		}
	}

	private JobExecution lastExecution(JobParameters parameters) {
		JobInstance instance = this.jobRepository.getJobInstance(CampaignJobConfiguration.JOB_NAME, parameters);
		return instance == null ? null : this.jobRepository.getLastJobExecution(instance);
	}
}
