package io.github.campaignbatch.retention;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.HoldDatabase;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the job database keeps: dry runs let their rows go, {@code prune} forgets the old but keeps the ledger of real
 * submissions while the vendor may answer for it.
 */
class RetentionTest {

	private static final Path SAMPLE = Path.of("input-samples", "clean-campaigns.csv");

	@TempDir
	Path work;

	@Test
	void aDryRunKeepsNoStagedRowsOnceItsReportIsWritten() throws Exception {
		CommandRunner runner = new CommandRunner(this.work);
		Path report = this.work.resolve("r.csv");

		for (int i = 0; i < 2; i++) {
			Result result = runner.run("validate", "--input", SAMPLE.toString(), "--account", "ACC", "--today",
					"2026-01-01", "--report", report.toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("devices            13");
			assertThat(count(runner, "SELECT COUNT(*) FROM staging_file")).isZero();
			assertThat(count(runner, "SELECT COUNT(*) FROM campaign")).isZero();
		}
		assertThat(Files.readAllLines(report)).hasSize(14);

		Result again = runner.run("report", "--execution", "1", "--output", this.work.resolve("again.csv").toString());
		assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
		assertThat(again.errLines()).singleElement().asString().contains("are no longer kept").contains(report.toString());
	}

	@Test
	void pruneForgetsOldDryRunsKeepsTheLedgerOfRealRunsUntilTheirCampaignsEndedAndCompacts() throws Exception {
		CommandRunner runner = new CommandRunner(this.work);
		String[] real = { "run", "--simulate", "--input", SAMPLE.toString(), "--account", "ACC", "--today", "2026-01-01",
				"--report", this.work.resolve("real.csv").toString() };
		assertThat(runner.run(real).exitCode()).isZero();
		assertThat(runner.run("validate", "--input", SAMPLE.toString(), "--account", "ACC", "--today", "2026-01-01",
				"--report", this.work.resolve("dry.csv").toString()).exitCode()).isZero();
		long stagedOfRealRun = count(runner, "SELECT COUNT(*) FROM staging_file");
		assertThat(stagedOfRealRun).isEqualTo(1);

		Result recent = runner.run("prune", "--older-than", "30d");
		assertThat(recent.exitCode()).as(recent.toString()).isZero();
		assertThat(count(runner, "SELECT COUNT(*) FROM staging_file")).as("nothing is old yet").isEqualTo(1);

		update(runner, "UPDATE BATCH_JOB_EXECUTION SET END_TIME = DATEADD('DAY', -40, END_TIME),"
				+ " CREATE_TIME = DATEADD('DAY', -40, CREATE_TIME)");
		Result pruned = runner.run("prune", "--older-than", "30d");

		assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
		assertThat(pruned.out()).contains("dry runs forgotten                        1")
			.contains("real runs: staged rows removed, ledger kept 1").contains("database compacted");
		assertThat(count(runner, "SELECT COUNT(*) FROM staging_file")).isZero();
		assertThat(count(runner, "SELECT COUNT(*) FROM campaign WHERE state = 'SCHEDULED'")).isEqualTo(3);
		assertThat(count(runner, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
		Result rerun = runner.run(real);
		assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
		assertThat(rerun.out()).as("the ledger still keeps the input from being sent again").contains("Already processed");

		update(runner, "UPDATE campaign SET end_date = DATE '2020-01-31'");
		Result ended = runner.run("prune", "--older-than", "30d");
		assertThat(ended.out()).contains("real runs forgotten (all campaigns ended) 1");
		assertThat(count(runner, "SELECT COUNT(*) FROM campaign")).isZero();
		assertThat(count(runner, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isZero();
	}

	@Test
	void anUnfinishedRealRunIsNeverPruned() throws Exception {
		CommandRunner runner = new CommandRunner(this.work);
		assertThat(runner.run("run", "--simulate", "--input", SAMPLE.toString(), "--account", "ACC", "--today",
				"2026-01-01", "--report", this.work.resolve("real.csv").toString()).exitCode()).isZero();
		update(runner, "UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', END_TIME = DATEADD('DAY', -40, END_TIME)");

		Result pruned = runner.run("prune", "--older-than", "30d");

		assertThat(pruned.out()).contains("real runs kept (not completed: restart or abandon them) 1");
		assertThat(count(runner, "SELECT COUNT(*) FROM staging_file")).isEqualTo(1);
	}

	@Test
	void aBadAgeIsAUsageError() {
		Result result = new CommandRunner(this.work).run("prune", "--older-than", "soon");

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.errLines()).containsExactly(
				"error: --older-than 'soon' is not an age: use e.g. 30d, 12h, 90m or P30D");
	}

	@Test
	void statusWhileAnotherProcessHoldsTheH2DatabaseSaysHowToWatchARunningJobOnOneLine() throws Exception {
		CommandRunner runner = new CommandRunner(this.work);
		assertThat(runner.run("status").exitCode()).isZero();
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), HoldDatabase.class.getName(), runner.databaseUrl())
			.redirectErrorStream(true).start();
		try {
			assertThat(new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine()).isEqualTo("open");

			Result status = runner.run("status");

			assertThat(status.exitCode()).as(status.toString()).isEqualTo(4);
			assertThat(status.errLines()).singleElement().asString()
				.contains("follow that process's output").contains("use PostgreSQL");
		}
		finally {
			holder.getOutputStream().close();
			holder.waitFor();
		}
	}

	private static long count(CommandRunner runner, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(runner.databaseUrl(), TestDatabases.user(), "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static void update(CommandRunner runner, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(runner.databaseUrl(), TestDatabases.user(), "");
				Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}
}
