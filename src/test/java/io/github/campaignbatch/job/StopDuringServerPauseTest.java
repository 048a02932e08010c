package io.github.campaignbatch.job;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.TestDatabases;
import io.github.campaignbatch.support.WireMockVendor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop is honoured within seconds at the client's waits too: ThingSpace answers every schedule request with 429
 * and {@code Retry-After: 30}, which pauses every worker for 30 s before its retry. A SIGTERM then ends the process
 * within seconds (the paused requests are not sent: the next run sends them), not after the pause and its retries.
 */
@Tag("database")
class StopDuringServerPauseTest {

	private static final String SCHEDULE = "/api/fota/v2/campaigns/files/demo-account";

	@TempDir
	Path work;

	@Test
	void sigtermWhileThingSpaceAsksToWaitEndsTheProcessWithinSeconds() throws Exception {
		try (WireMockVendor vendor = WireMockVendor.start("demo-account", "never-created")) {
			vendor.server().stubFor(post(urlPathEqualTo(SCHEDULE)).atPriority(1)
				.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
					.withBody("{\"errorCode\":\"RateLimitExceeded\",\"errorMessage\":\"slow down\"}")));
			CommandRunner runner = vendor.runner(this.work);
			Process child = vendor.child(this.work, runner)
				.with("CAMPAIGN_STOP_TIMEOUT", "25s")
				.start("child", List.of("run", "--input", Path.of("input-samples/clean-campaigns.csv").toAbsolutePath().toString(), "--account", "demo-account",
						"--today", "2026-01-01", "--report", this.work.resolve("report.csv").toString()));
			ChildJvm.awaitOutput(this.work, "child", "ThingSpace asked to wait", child);
			assertThat(ChildJvm.output(this.work, "child")).contains("ThingSpace asked to wait");
			int sentBeforeStop = vendor.server().countRequestsMatching(postRequestedFor(urlPathEqualTo(SCHEDULE)).build())
				.getCount();

			child.destroy();

			assertThat(child.waitFor(10, TimeUnit.SECONDS))
				.as(() -> "ended within seconds of SIGTERM: " + ChildJvm.output(this.work, "child")).isTrue();
			String status = TestDatabases.withJdbc(runner.databaseUrl(), jdbc -> jdbc.queryForObject(
					"SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY",
					String.class));
			assertThat(status).isEqualTo("STOPPED");
			assertThat(vendor.server().countRequestsMatching(postRequestedFor(urlPathEqualTo(SCHEDULE)).build()).getCount())
				.as("nothing sent after the stop").isEqualTo(sentBeforeStop);
			List<String> states = TestDatabases.withJdbc(runner.databaseUrl(), jdbc -> jdbc.queryForList(
					"SELECT DISTINCT state FROM campaign", String.class));
			assertThat(states).as("not sent, so not in doubt: a run sends them").doesNotContain("UNKNOWN", "SUBMITTING");
		}
	}
}
