package io.github.campaignbatch.cli;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line {@code status} prints under an execution to say why it ended as it did: an execution the job database's
 * migration abandoned (V12: staged by a development version) says so, in the migration's words, instead of a bare
 * ABANDONED.
 */
class StatusReasonLineTest {

	@Test
	void anAbandonedExecutionGivesTheReasonItWasAbandonedFor() {
		JobExecution execution = execution(BatchStatus.ABANDONED, "staged by a development version (device_entry),"
				+ " which this version no longer reads: it cannot be restarted; its campaigns never sent are REJECTED");

		assertThat(StatusCommand.reasonLine(execution)).isEqualTo("       abandoned: staged by a development version"
				+ " (device_entry), which this version no longer reads: it cannot be restarted; its campaigns never sent"
				+ " are REJECTED");
	}

	@Test
	void anAbandonedExecutionWithoutAReasonAndACompletedOneHaveNoLine() {
		assertThat(StatusCommand.reasonLine(execution(BatchStatus.ABANDONED, ""))).isNull();
		assertThat(StatusCommand.reasonLine(execution(BatchStatus.COMPLETED, "anything"))).isNull();
	}

	private static JobExecution execution(BatchStatus status, String exitDescription) {
		JobExecution execution = new JobExecution(7L, new JobInstance(3L, "campaignJob"), new JobParameters());
		execution.setStatus(status);
		execution.setExitStatus(new ExitStatus(status.name(), exitDescription));
		return execution;
	}
}
