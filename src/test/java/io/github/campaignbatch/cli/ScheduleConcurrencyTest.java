package io.github.campaignbatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.logging.LoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one inbox and one job database at the same time: every file is processed by exactly one.
 */
@Tag("database")
class ScheduleConcurrencyTest {

	private static final Pattern FILE_HEADING = Pattern.compile("(?m)^== (\\S+)$");

	@TempDir
	Path work;

	@Test
	void twoInstancesNeverProcessOneFileTwice() throws Exception {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		List<String> names = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			String name = "wave-" + i + ".csv";
			SampleInputs.campaigns(inbox.resolve(name), "acc-" + i, 2, 3);
			names.add(name);
		}
		// Two Spring Boot applications starting at once in one JVM would both reset Logback, which is not safe
		// concurrently (separate processes each have their own); the claims under test do not depend on logging.
		Map<String, String> properties = Map.of("CAMPAIGN_BATCH_DB_URL", TestDatabases.freshUrl(this.work),
				"CAMPAIGN_BATCH_DB_USER", TestDatabases.user(), LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		properties.forEach(System::setProperty);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch go = new CountDownLatch(1);
			Callable<String[]> instance = () -> {
				go.await();
				StringWriter out = new StringWriter();
				StringWriter err = new StringWriter();
				int exitCode = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "schedule", "--inbox",
						inbox.toString(), "--once", "--settle", "0", "--dry-run", "--today", "2026-01-01");
				return new String[] { String.valueOf(exitCode), out.toString(), err.toString() };
			};
			Future<String[]> first = pool.submit(instance);
			Future<String[]> second = pool.submit(instance);
			go.countDown();
			String[] a = first.get(3, TimeUnit.MINUTES);
			String[] b = second.get(3, TimeUnit.MINUTES);

			assertThat(a[0]).as(String.join("\n", a)).isEqualTo("0");
			assertThat(b[0]).as(String.join("\n", b)).isEqualTo("0");
			List<String> processed = new ArrayList<>(headings(a[1]));
			processed.addAll(headings(b[1]));
			assertThat(processed).containsExactlyInAnyOrderElementsOf(names);
			try (Stream<Path> done = Files.list(inbox.resolve("done"))) {
				assertThat(done).hasSize(2 * names.size());
			}
		}
		finally {
			pool.shutdownNow();
			properties.keySet().forEach(System::clearProperty);
		}
	}

	private static List<String> headings(String out) {
		List<String> found = new ArrayList<>();
		Matcher matcher = FILE_HEADING.matcher(out);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}
}
