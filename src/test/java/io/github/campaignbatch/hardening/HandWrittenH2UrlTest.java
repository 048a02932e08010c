package io.github.campaignbatch.hardening;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.SampleInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An H2 URL written by hand, without the settings the job relies on: the CLI adds them, so a SIGTERM stop is still
 * recorded (without {@code DB_CLOSE_ON_EXIT=FALSE}, H2 closed itself first: a stack trace and an execution left
 * STARTED).
 */
class HandWrittenH2UrlTest {

	@TempDir
	Path work;

	@Test
	void aSigtermStopWithAHandWrittenUrlIsRecordedWithoutAStackTrace() throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "stop-account", 24, 2);
		String handWritten = "jdbc:h2:file:" + this.work.resolve("db").toAbsolutePath();
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0).withLatencyMs(250))) {
			Process child = ChildJvm.against(this.work, handWritten, simulator)
				.with("CAMPAIGN_SUBMISSION_CHUNK_SIZE", "2")
				.start("child", List.of("run", "--input", input.toString(), "--account", "stop-account", "--today",
						"2026-01-01", "--report", this.work.resolve("fleet.results.csv").toString()));
			ChildJvm.awaitCampaigns(simulator, 4, child);
			assertThat(child.isAlive()).as("still submitting when stopped").isTrue();

			child.destroy();

			assertThat(child.waitFor()).isNotZero();
			String err = Files.readString(this.work.resolve("child.err"));
			assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
			assertThat(lastExecutionStatus(handWritten + ";FILE_LOCK=FS")).isEqualTo("STOPPED");
		}
	}

	private static String lastExecutionStatus(String databaseUrl) throws Exception {
		try (Connection connection = DriverManager.getConnection(databaseUrl, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT status FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC")) {
			assertThat(rs.next()).isTrue();
			return rs.getString(1);
		}
	}
}
