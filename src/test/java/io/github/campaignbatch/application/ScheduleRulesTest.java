package io.github.campaignbatch.application;

import io.github.campaignbatch.inbox.FileOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the schedule puts a file after its run, and the exit code of a tick of several files: plain functions.
 */
class ScheduleRulesTest {

	@Test
	void aFileWhoseRunEndedGoesWhereItsExitCodeSays() {
		assertThat(ScheduleRules.fileOutcome(ExitCodes.OK, FileOutcome.RETRY)).isEqualTo(FileOutcome.DONE);
		assertThat(ScheduleRules.fileOutcome(ExitCodes.REJECTED, FileOutcome.RETRY)).isEqualTo(FileOutcome.DONE);
		assertThat(ScheduleRules.fileOutcome(ExitCodes.USAGE, FileOutcome.RETRY)).isEqualTo(FileOutcome.UNREADABLE);
		assertThat(ScheduleRules.fileOutcome(ExitCodes.FAILED, FileOutcome.RETRY)).isEqualTo(FileOutcome.RESTARTABLE);
		assertThat(ScheduleRules.fileOutcome(ExitCodes.IN_DOUBT, FileOutcome.RETRY)).isEqualTo(FileOutcome.RESTARTABLE);
	}

	@Test
	void aFileAnotherProcessRunsGoesWhereTheCallerSays() {
		assertThat(ScheduleRules.fileOutcome(ExitCodes.ALREADY_RUNNING, FileOutcome.RETRY)).isEqualTo(FileOutcome.RETRY);
		assertThat(ScheduleRules.fileOutcome(ExitCodes.ALREADY_RUNNING, FileOutcome.RESTARTABLE))
			.isEqualTo(FileOutcome.RESTARTABLE);
	}

	@Test
	void aTickEndsWithItsMostSevereExitCode() {
		int[] mildestFirst = { ExitCodes.OK, ExitCodes.REJECTED, ExitCodes.ALREADY_RUNNING, ExitCodes.IN_DOUBT,
				ExitCodes.USAGE, ExitCodes.FAILED };
		for (int milder = 0; milder < mildestFirst.length; milder++) {
			for (int worse = milder; worse < mildestFirst.length; worse++) {
				assertThat(ScheduleRules.worse(mildestFirst[milder], mildestFirst[worse])).isEqualTo(mildestFirst[worse]);
				assertThat(ScheduleRules.worse(mildestFirst[worse], mildestFirst[milder])).isEqualTo(mildestFirst[worse]);
			}
		}
	}
}
