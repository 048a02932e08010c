package io.github.campaignbatch.job;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.campaignbatch.thingspace.ProcessStop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Turns SIGTERM into a graceful stop. While an execution runs, a JVM shutdown hook flags it to stop: the
 * running step ends after its current chunk (every campaign of that chunk has its outcome recorded; the client's
 * waits before a request end at once, {@link ProcessStop}), the submit step's wait for campaigns in doubt ends
 * within a second, no further step starts, and the execution ends STOPPED, ready to restart. The hook then waits,
 * bounded, until the launcher reports the execution saved, because the JVM halts as soon as the hooks return.
 *
 * <p>Batch's own {@code JobOperator.stop} is not used: it may mark an execution STOPPED at once while a chunk is
 * still in flight. The Spring context's shutdown hook is off ({@code spring.main.register-shutdown-hook=false})
 * so that the database stays open until the stop is saved.
 */
public class GracefulShutdown implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

	/** The execution-context key of why a stopped execution stopped, as its run printed it. */
	public static final String STOP_REASON = "campaign.stop-reason";

	private final Duration patience;

	private Thread hook;

	private CountDownLatch saved;

	public GracefulShutdown(Duration patience) {
		this.patience = patience;
	}

	@Override
	public synchronized void beforeJob(JobExecution jobExecution) {
		CountDownLatch saved = new CountDownLatch(1);
		this.saved = saved;
		this.hook = new Thread(() -> stop(jobExecution, saved), "graceful-stop");
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	/** Called by the launcher once the execution has returned, i.e. its final state is in the repository. */
	public synchronized void executionReturned() {
		if (this.saved != null) {
			this.saved.countDown();
			this.saved = null;
		}
		if (this.hook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.hook);
			}
			catch (IllegalStateException shuttingDown) {
				// The hook is running; it was waiting for exactly this.
			}
			this.hook = null;
		}
	}

	private void stop(JobExecution jobExecution, CountDownLatch saved) {
		log.warn("Stop requested ({}): execution {} stops after the current chunk", StopSignals.describe(),
				jobExecution.getId());
		// Kept with the execution (saved when the step ends), so that 'status' gives the reason the run printed.
		jobExecution.getExecutionContext().putString(STOP_REASON, "stop requested (" + StopSignals.describe() + ")");
		// No retry, server pause or wait for campaigns in doubt holds the stop: what was not sent stays unsent.
		ProcessStop.request();
		// Between steps, a STOPPING execution starts no further step; within a step, terminate-only ends it after
		// the chunk in progress.
		jobExecution.setStatus(BatchStatus.STOPPING);
		for (StepExecution step : jobExecution.getStepExecutions()) {
			if (step.getStatus().isRunning()) {
				step.setTerminateOnly();
			}
		}
		try {
			if (saved.await(this.patience.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Execution {} {}: run the same command again (or 'restart') to resume", jobExecution.getId(),
						jobExecution.getStatus());
			}
			else {
				log.warn("Execution {} did not stop within {}: the process ends now, and the next run recovers it",
						jobExecution.getId(), this.patience);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
