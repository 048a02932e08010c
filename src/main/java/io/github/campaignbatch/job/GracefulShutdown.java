package io.github.campaignbatch.job;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Turns SIGTERM into a graceful stop: while an execution runs, a shutdown hook asks Batch to stop it after the
 * current chunk and waits (bounded) until the execution has ended STOPPED, so that it is restartable and no
 * campaign is left between "sent" and "recorded" by our own shutdown. The Spring context's shutdown hook is
 * off ({@code spring.main.register-shutdown-hook=false}) so the database stays open until the stop is recorded.
 */
class GracefulShutdown implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

	private final ObjectProvider<JobOperator> jobOperator;

	private final Duration patience;

	private Thread hook;

	GracefulShutdown(ObjectProvider<JobOperator> jobOperator, Duration patience) {
		this.jobOperator = jobOperator;
		this.patience = patience;
	}

	@Override
	public synchronized void beforeJob(JobExecution jobExecution) {
		this.hook = new Thread(() -> stop(jobExecution), "graceful-stop");
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	@Override
	public synchronized void afterJob(JobExecution jobExecution) {
		if (this.hook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.hook);
			}
			catch (IllegalStateException shuttingDown) {
				// The hook is running: it is what stopped us, and it waits for this very moment.
			}
			this.hook = null;
		}
	}

	private void stop(JobExecution jobExecution) {
		if (!jobExecution.isRunning()) {
			return;
		}
		log.warn("Stop requested (SIGTERM): stopping execution {} after the current chunk", jobExecution.getId());
		try {
			this.jobOperator.getObject().stop(jobExecution);
		}
		catch (Exception ex) {
			log.warn("Could not ask execution {} to stop: {}", jobExecution.getId(), ex.getMessage());
			return;
		}
		long deadline = System.nanoTime() + this.patience.toNanos();
		while (jobExecution.getEndTime() == null && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		log.warn("Execution {} ended {}; run the same command again (or 'restart') to resume", jobExecution.getId(),
				jobExecution.getStatus());
	}
}
