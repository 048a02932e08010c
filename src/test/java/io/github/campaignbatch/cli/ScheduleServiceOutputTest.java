package io.github.campaignbatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a long-running {@code schedule --simulate} prints over several ticks: the simulator banner once, and a
 * time on every line.
 */
@Tag("database")
class ScheduleServiceOutputTest {

	@TempDir
	Path work;

	@Test
	void theSimulatorBannerComesOnceAndEveryLineCarriesATime() throws Exception {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		Process child = ChildJvm.withDatabase(this.work, TestDatabases.freshUrl(this.work))
			.start("service", List.of("schedule", "--simulate", "--inbox", inbox.toString(), "--cron", "* * * * * *",
					"--settle", "0", "--account", "ACC", "--today", "2026-01-01"));
		try {
			SampleInputs.campaigns(this.work.resolve("a.csv"), "ACC", 1, 1);
			Files.move(this.work.resolve("a.csv"), inbox.resolve("a.csv"));
			awaitOutput(child, "a.csv: moved to done");
			SampleInputs.campaigns(this.work.resolve("b.csv"), "ACC", 2, 1);
			Files.move(this.work.resolve("b.csv"), inbox.resolve("b.csv"));
			awaitOutput(child, "b.csv: moved to done");
		}
		finally {
			child.destroy();
			child.waitFor();
		}

		String out = Files.readString(this.work.resolve("service.out"));
		assertThat(out).contains("a.csv: moved to done").contains("b.csv: moved to done");
		assertThat(out.split("Simulated ThingSpace API on", -1)).as(out).hasSize(2);
		assertThat(out.lines().filter(line -> !line.isBlank()))
			.as(out)
			.allMatch(line -> line.matches("^(\\d{4}-\\d\\d-\\d\\dT)?\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*"));
	}

	private void awaitOutput(Process child, String text) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
		Path out = this.work.resolve("service.out");
		while (child.isAlive() && System.nanoTime() < deadline
				&& !(Files.exists(out) && Files.readString(out).contains(text))) {
			Thread.sleep(50);
		}
		assertThat(Files.readString(out)).as(() -> "service output, " + text).contains(text);
	}
}
