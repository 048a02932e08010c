package io.github.campaignbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import io.github.campaignbatch.support.PauseAtCheckpoint;
import io.github.campaignbatch.job.StepCheckpointListener.Checkpoint;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Execution ids are what an operator names in every command; a gap reads as runs gone missing (issue 21: "3, then
 * 35" after a killed process, H2 having handed its sequence out in cached blocks of 32 that a kill throws away).
 */
@Tag("database")
class ExecutionIdsTest {

	private static final Pattern EXECUTION_ROW = Pattern.compile("(?m)^\\s*(\\d+)\\s+\\S+\\.csv");

	@TempDir
	Path work;

	@Test
	void theExecutionAfterAKilledProcessHasTheNextId() throws Exception {
		String databaseUrl = TestDatabases.freshUrl(this.work);
		Path first = SampleInputs.campaigns(this.work.resolve("first.csv"), "ACC", 2, 3);
		Path second = SampleInputs.campaigns(this.work.resolve("second.csv"), "ACC", 3, 3);
		CommandRunner commands = new CommandRunner(databaseUrl, ChildJvm.dataDirectory(this.work));
		assertThat(commands.run("validate", "--input", first.toString(), "--account", "ACC").exitCode()).isZero();

		Process child = ChildJvm.withDatabase(this.work, databaseUrl)
			.with("CAMPAIGN_LOAD_CHUNK_SIZE", "1")
			.pauseAt(Checkpoint.LOAD)
			.start("killed", List.of("validate", "--input", second.toString(), "--account", "ACC"));
		awaitPaused(child);
		child.destroyForcibly();
		assertThat(child.waitFor()).as("killed").isNotZero();
		Result again = commands.run("validate", "--input", first.toString(), "--account", "ACC");
		assertThat(again.exitCode()).as(again.toString()).isZero();

		Result status = commands.run("status");
		List<Long> ids = EXECUTION_ROW.matcher(status.out()).results().map(m -> Long.parseLong(m.group(1))).toList();
		assertThat(ids).as(status.out()).containsExactly(3L, 2L, 1L);
	}

	private void awaitPaused(Process child) throws Exception {
		ChildJvm.awaitOutput(this.work, "killed", PauseAtCheckpoint.pausedAt(Checkpoint.LOAD), child);
		assertThat(output()).contains(PauseAtCheckpoint.pausedAt(Checkpoint.LOAD));
	}

	private String output() {
		Path err = this.work.resolve("killed.err");
		try {
			return Files.exists(err) ? Files.readString(err) : "";
		}
		catch (java.io.IOException ex) {
			return "";
		}
	}
}
