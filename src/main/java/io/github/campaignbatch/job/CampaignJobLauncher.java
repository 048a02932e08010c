package io.github.campaignbatch.job;

import java.time.LocalDateTime;

import io.github.campaignbatch.submission.RunLease;
import io.github.campaignbatch.submission.SubmissionLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
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

	private final SubmissionLedger ledger;

	public CampaignJobLauncher(JobOperator jobOperator, JobRepository jobRepository, Job campaignJob, RunLease lease,
			GracefulShutdown gracefulShutdown, SubmissionLedger ledger) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.campaignJob = campaignJob;
		this.lease = lease;
		this.gracefulShutdown = gracefulShutdown;
		this.ledger = ledger;
	}

	/**
	 * Runs the job for these parameters: a fresh start, a restart of a failed run, or nothing if done. A real run
	 * whose input and account were run before the target was recorded continues that job instance
	 * ({@link RunTarget#UNRECORDED}).
	 */
	public JobRun launch(JobParameters requested) throws Exception {
		JobParameters parameters = continuingUnrecorded(requested);
		RunLease.Acquisition acquisition = this.lease.acquire(CampaignJobParameters.leaseKey(parameters));
		if (acquisition.held() == null) {
			return new JobRun(JobRun.Kind.ALREADY_RUNNING, lastExecution(parameters), acquisition.heldBy());
		}
		try (RunLease.Held held = acquisition.held()) {
			JobExecution last = lastExecution(parameters);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED && !reopenedWithCampaignsLeft(last)) {
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

	/**
	 * Restarts one execution (the job's parameters are the ones it ran with), provided {@code session}, where this
	 * process sends campaigns, is the execution's own target: a simulated execution never finishes against the
	 * real API, nor a real one against the simulator.
	 */
	public JobRun restart(JobExecution execution, RunTarget session) throws Exception {
		JobParameters parameters = execution.getJobParameters();
		if (!RunTarget.of(parameters).mayRestart(session)) {
			return new JobRun(JobRun.Kind.OTHER_TARGET, execution, null);
		}
		RunLease.Acquisition acquisition = this.lease.acquire(CampaignJobParameters.leaseKey(parameters));
		if (acquisition.held() == null) {
			return new JobRun(JobRun.Kind.ALREADY_RUNNING, execution, acquisition.heldBy());
		}
		try (RunLease.Held held = acquisition.held()) {
			JobExecution last = lastExecution(parameters);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED && !reopenedWithCampaignsLeft(last)) {
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
	 * Whether a COMPLETED execution left campaigns that are not final (an earlier version could: it waited for the
	 * campaigns in doubt after Batch had recorded the submit step COMPLETED, and a stop or a kill there let the next
	 * run complete the execution with them still UNKNOWN). Such an execution is reopened, as Batch's own
	 * {@code recover} does for a crashed one: it and its submit step are marked FAILED, so that this run restarts the
	 * submit step, which settles them (found: SCHEDULED; absent after the visibility horizon: sent once), and the
	 * report step writes the report again. A completed instance cannot be restarted otherwise.
	 */
	private boolean reopenedWithCampaignsLeft(JobExecution completed) {
		if (CampaignJobParameters.isDryRun(completed.getJobParameters())) {
			return false;
		}
		int left = this.ledger.unfinished(completed.getJobInstanceId()).size();
		if (left == 0) {
			return false;
		}
		String why = "reopened: completed with " + left + " campaign(s) not final (in doubt or not sent),"
				+ " left by an earlier version; settled by the next execution";
		log.warn("Execution {} completed with {} campaign(s) not final (left by an earlier version): reopening it to"
				+ " settle them", completed.getId(), left);
		JobExecution execution = this.jobRepository.getJobExecution(completed.getId());
		StepExecution submit = this.jobRepository.getLastStepExecution(execution.getJobInstance(),
				CampaignJobConfiguration.SUBMIT_STEP);
		if (submit != null && submit.getStatus() == BatchStatus.COMPLETED) {
			submit.setStatus(BatchStatus.FAILED);
			submit.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
			this.jobRepository.update(submit);
		}
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
		this.jobRepository.update(execution);
		return true;
	}

	/**
	 * We hold the lease, so an execution still marked as running belongs to a process that died: mark it
	 * failed so that Batch lets it restart.
	 */
	private void recoverIfCrashed(JobExecution last) {
		if (last != null && last.isRunning()) {
			log.warn("Execution {} was left {} by a process that stopped: recovering it for a restart", last.getId(),
					last.getStatus());
			LocalDateTime lastSignOfLife = lastSignOfLife(this.jobRepository.getJobExecution(last.getId()));
			this.jobOperator.recover(last);
			// Recovery ends the execution now; its duration is the time it ran, up to its last recorded progress.
			JobExecution recovered = this.jobRepository.getJobExecution(last.getId());
			if (lastSignOfLife != null) {
				recovered.getExecutionContext().putString(DIED_AT, lastSignOfLife.toString());
				this.jobRepository.updateExecutionContext(recovered);
			}
		}
	}

	/**
	 * Key, in the job execution context, of the last update an execution recorded before its process died (set when
	 * it is recovered): {@code status} shows its duration up to then, not up to its recovery.
	 */
	public static final String DIED_AT = "campaign.died-at";

	/** When an execution whose process died last showed progress: the latest update of it or of its steps. */
	public static LocalDateTime lastSignOfLife(JobExecution execution) {
		LocalDateTime latest = execution.getLastUpdated();
		for (StepExecution step : execution.getStepExecutions()) {
			for (LocalDateTime time : new LocalDateTime[] { step.getLastUpdated(), step.getEndTime() }) {
				if (time != null && (latest == null || time.isAfter(latest))) {
					latest = time;
				}
			}
		}
		return latest;
	}

	/**
	 * Where an execution's duration ends: its end, or for one recovered after its process died, its last progress. A
	 * restart's execution starts with the context of the one it restarts: a death recorded before it started is that
	 * one's, not its own.
	 */
	public static LocalDateTime effectiveEnd(JobExecution execution) {
		Object diedAt = execution.getExecutionContext().get(DIED_AT);
		if (diedAt != null) {
			LocalDateTime died = LocalDateTime.parse(diedAt.toString());
			if (execution.getStartTime() == null || !died.isBefore(execution.getStartTime())) {
				return died;
			}
		}
		return execution.getEndTime();
	}

	private JobParameters continuingUnrecorded(JobParameters parameters) {
		if (!RunTarget.of(parameters).real() || instance(parameters) != null) {
			return parameters;
		}
		JobParameters unrecorded = CampaignJobParameters.withoutTarget(parameters);
		return instance(unrecorded) != null ? unrecorded : parameters;
	}

	private JobInstance instance(JobParameters parameters) {
		return this.jobRepository.getJobInstance(CampaignJobConfiguration.JOB_NAME, parameters);
	}

	private JobExecution lastExecution(JobParameters parameters) {
		JobInstance instance = this.jobRepository.getJobInstance(CampaignJobConfiguration.JOB_NAME, parameters);
		return instance == null ? null : this.jobRepository.getLastJobExecution(instance);
	}
}
