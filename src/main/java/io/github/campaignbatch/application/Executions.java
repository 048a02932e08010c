package io.github.campaignbatch.application;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Looks up an execution the operator named by id.
 */
final class Executions {

	private Executions() {
	}

	/** The execution, or a usage error naming the id; the JDBC repository throws for an unknown id. */
	static JobExecution named(JobRepository repository, long id) {
		JobExecution execution;
		try {
			execution = repository.getJobExecution(id);
		}
		catch (RuntimeException notFound) {
			execution = null;
		}
		if (execution == null) {
			throw new UsageException("no execution " + id + ": see 'status' for the executions");
		}
		return execution;
	}
}
