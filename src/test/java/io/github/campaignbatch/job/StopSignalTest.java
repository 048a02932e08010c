package io.github.campaignbatch.job;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.campaignbatch.support.PauseAtCheckpoint;
import io.github.campaignbatch.job.StepCheckpointListener.Checkpoint;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stop line names the signal received: Ctrl-C is SIGINT, a service manager's stop SIGTERM (issue 21: Ctrl-C was
 * logged as "Stop requested (SIGTERM)").
 */
class StopSignalTest {

	@TempDir
	Path work;

	@ParameterizedTest
	@ValueSource(strings = { "INT", "TERM" })
	void theStopLineNamesTheSignalReceived(String signal) throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("devices.csv"), "ACC", 2, 3);
		String databaseUrl = TestDatabases.freshUrl(this.work);
		Process child = ChildJvm.withDatabase(this.work, databaseUrl)
			.with("CAMPAIGN_LOAD_CHUNK_SIZE", "1")
			.pauseAt(Checkpoint.LOAD)
			.start("child", List.of("validate", "--input", input.toString(), "--account", "ACC"));
		ChildJvm.awaitOutput(this.work, "child", PauseAtCheckpoint.pausedAt(Checkpoint.LOAD), child);
		assertThat(ChildJvm.output(this.work, "child")).contains(PauseAtCheckpoint.pausedAt(Checkpoint.LOAD));

		new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
		ChildJvm.awaitOutput(this.work, "child", "Stop requested", child);
		// the paused chunk ends (its input closes), and the execution is saved STOPPED
		child.getOutputStream().close();

		assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child stopped").isTrue();
		assertThat(ChildJvm.output(this.work, "child")).contains("Stop requested (SIG" + signal + ")");
		Result status = new CommandRunner(databaseUrl, ChildJvm.dataDirectory(this.work)).run("status");
		assertThat(status.out()).as(status.toString())
			.contains("stopped: stop requested (SIG" + signal + "); run the same command again (or 'restart') to resume")
			.doesNotContain("Exception");
	}
}
