package io.github.campaignbatch.preflight;

import java.time.LocalDate;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs the {@link PreflightCheck} once at the start of the submit step, after the ledger's own preparation
 * (re-planning and reconciliation), so it sees every campaign that could be sent.
 */
public class PreflightStepListener implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(PreflightStepListener.class);

	private final PreflightCheck check;

	private final Function<JobParameters, LocalDate> today;

	/** @param today reads the run's date from the job's parameters (the job package knows their names) */
	public PreflightStepListener(PreflightCheck check, Function<JobParameters, LocalDate> today) {
		this.check = check;
		this.today = today;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		var jobExecution = stepExecution.getJobExecution();
		PreflightCheck.Outcome outcome = this.check.check(jobExecution.getJobInstanceId(),
				this.today.apply(jobExecution.getJobParameters()));
		if (outcome.devicesTakenOut() > 0 || outcome.campaignsRejected() > 0) {
			log.info("Pre-flight: {} device(s) taken out, {} campaign(s) not sent", outcome.devicesTakenOut(),
					outcome.campaignsRejected());
		}
	}
}
