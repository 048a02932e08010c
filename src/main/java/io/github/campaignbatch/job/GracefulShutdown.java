package io.github.campaignbatch.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobExecutionShutdownHook;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Turns SIGTERM into a graceful stop: while an execution runs, a shutdown hook asks Batch to stop it after the
 * current chunk (status STOPPED, restartable) and waits for that. The Spring context's own shutdown hook is
 * off ({@code spring.main.register-shutdown-hook=false}) so the database stays open until the stop is recorded.
 */
class GracefulShutdown implements JobExecutionListener {

	private final ObjectProvider<JobOperator> jobOperator;

	private Thread hook;

	GracefulShutdown(ObjectProvider<JobOperator> jobOperator) {
		this.jobOperator = jobOperator;
	}

	@Override
	public synchronized void beforeJob(JobExecution jobExecution) {
		this.hook = new JobExecutionShutdownHook(jobExecution, this.jobOperator.getObject());
		Runtime.getRuntime().addShutdownHook(this.hook);
	}

	@Override
	public synchronized void afterJob(JobExecution jobExecution) {
		if (this.hook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.hook);
			}
			catch (IllegalStateException shuttingDown) {
				// The hook is running: it is what stopped us.
			}
			this.hook = null;
		}
	}
}
