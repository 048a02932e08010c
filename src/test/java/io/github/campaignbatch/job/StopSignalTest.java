package io.github.campaignbatch.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.campaignbatch.support.ChildJvm;
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
		Process child = ChildJvm.withDatabase(this.work, TestDatabases.freshUrl(this.work))
			.with("CAMPAIGN_LOAD_CHUNK_SIZE", "1")
			.with("CAMPAIGN_BATCH_PAUSE_AT", PausePoint.LOAD)
			// the pause never ends its chunk: the stop gives up at once instead of waiting a minute
			.with("CAMPAIGN_STOP_TIMEOUT", "1s")
			.start("child", List.of("validate", "--input", input.toString(), "--account", "ACC"));
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (child.isAlive() && System.nanoTime() < deadline
				&& !ChildJvm.output(this.work, "child").contains("paused at " + PausePoint.LOAD)) {
			Thread.sleep(50);
		}
		assertThat(ChildJvm.output(this.work, "child")).contains("paused at " + PausePoint.LOAD);

		new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();

		assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child stopped").isTrue();
		assertThat(ChildJvm.output(this.work, "child")).contains("Stop requested (SIG" + signal + ")");
	}
}
