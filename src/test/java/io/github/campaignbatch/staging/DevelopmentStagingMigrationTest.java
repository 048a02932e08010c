package io.github.campaignbatch.staging;

import java.nio.file.Path;

import io.github.campaignbatch.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V12 on a job database that development versions wrote (executions staged in {@code device_entry}):
 * what becomes of each kind of execution, on H2 and on PostgreSQL.
 */
@Tag("database")
class DevelopmentStagingMigrationTest {

	private static final String A = "353456789012348";

	private static final String B = "353456789012355";

	private static final String C = "353456789012363";

	@TempDir
	Path work;

	@Test
	void anExecutionStagedInTheJobDatabaseKeepsItsDeviceListsRejectsWhatWasNeverSentAndIsAbandoned() {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(TestDatabases.freshUrl(this.work),
				TestDatabases.user(), "", true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			migrate(dataSource, "11");
			// instance 1, staged in device_entry, failed in submission: a campaign sent, one never sent, one in doubt
			execution(jdbc, 1, 10, "FAILED");
			execution(jdbc, 1, 11, "FAILED");
			campaign(jdbc, 1, "sent", "SCHEDULED", null);
			campaign(jdbc, 1, "unsent", "PLANNED", null);
			campaign(jdbc, 1, "doubt", "UNKNOWN", null);
			entry(jdbc, 1, 3, 1, B, "sent", "VALID");
			entry(jdbc, 1, 2, 1, A, "sent", "VALID");
			entry(jdbc, 1, 4, 1, A, "sent", "DUPLICATE");
			entry(jdbc, 1, 5, 1, C, "unsent", "VALID");
			entry(jdbc, 1, 6, 1, C, "doubt", "VALID");
			// instance 2, staged in device_entry, completed, its rows already pruned
			execution(jdbc, 2, 20, "COMPLETED");
			campaign(jdbc, 2, "done", "SCHEDULED", null);
			// instance 3, staged in a file: not touched
			execution(jdbc, 3, 30, "FAILED");
			campaign(jdbc, 3, "filed", "PLANNED", A);
			jdbc.update("INSERT INTO staging_file (job_instance_id, file_name, format, staged_at) VALUES (3, 'f', 1,"
					+ " CURRENT_TIMESTAMP)");

			migrate(dataSource, "latest");

			assertThat(jdbc.queryForList("SELECT name || ' ' || state || ' ' || COALESCE(error_code, '-') || ' '"
					+ " || COALESCE(imeis, '-') FROM campaign ORDER BY id", String.class))
				.containsExactly("sent SCHEDULED - " + A + "," + B, "unsent REJECTED STAGED_BY_DEVELOPMENT_VERSION " + C,
						"doubt UNKNOWN - " + C, "done SCHEDULED - -", "filed PLANNED - " + A);
			assertThat(jdbc.queryForObject("SELECT error_message FROM campaign WHERE name = 'unsent'", String.class))
				.startsWith("never sent: planned by a development version").contains("device_entry");
			assertThat(jdbc.queryForList("SELECT CAST(JOB_EXECUTION_ID AS VARCHAR(20)) || ' ' || STATUS"
					+ " FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", String.class))
				.containsExactly("10 FAILED", "11 ABANDONED", "20 COMPLETED", "30 FAILED");
			assertThat(jdbc.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = 11",
					String.class))
				.startsWith("staged by a development version").contains("cannot be restarted")
				.contains("STAGED_BY_DEVELOPMENT_VERSION");
			assertThat(jdbc.queryForList("SELECT table_name FROM information_schema.tables"
					+ " WHERE table_schema = CURRENT_SCHEMA AND LOWER(table_name) IN ('device_entry', 'v12_development_staged')", String.class)).isEmpty();
		}
		finally {
			dataSource.destroy();
		}
	}

	@Test
	void aCompletedExecutionWithACampaignStillInDoubtIsAbandonedTooItsCampaignLeftInDoubt() {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(TestDatabases.freshUrl(this.work),
				TestDatabases.user(), "", true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			migrate(dataSource, "11");
			execution(jdbc, 1, 10, "COMPLETED");
			campaign(jdbc, 1, "doubt", "SUBMITTING", null);
			entry(jdbc, 1, 2, 1, A, "doubt", "VALID");

			migrate(dataSource, "latest");

			assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION", String.class)).isEqualTo("ABANDONED");
			assertThat(jdbc.queryForObject("SELECT state || ' ' || imeis FROM campaign", String.class))
				.isEqualTo("SUBMITTING " + A);
		}
		finally {
			dataSource.destroy();
		}
	}

	private static void migrate(javax.sql.DataSource dataSource, String target) {
		String location = TestDatabases.isPostgres() ? "classpath:db/migration/postgresql" : "classpath:db/migration/h2";
		Flyway.configure().dataSource(dataSource).locations(location).target(target).load().migrate();
	}

	private static void execution(JdbcTemplate jdbc, long instance, long execution, String status) {
		if (jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = ?", Integer.class,
				instance) == 0) {
			jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (?, 0,"
					+ " 'campaignJob', ?)", instance, "key" + instance);
		}
		jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, START_TIME,"
				+ " END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) VALUES (?, 1, ?, CURRENT_TIMESTAMP,"
				+ " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?, ?, '', CURRENT_TIMESTAMP)", execution, instance, status, status);
	}

	private static void campaign(JdbcTemplate jdbc, long instance, String key, String state, String imeis) {
		jdbc.update("""
				INSERT INTO campaign (job_instance_id, campaign_key, part_no, part_count, name, account, file_name,
					file_version, distribution_type, start_date, end_date, schedule_sig, first_row_no, device_count, state,
					updated_at, imeis)
				VALUES (?, ?, 1, 1, ?, 'acc', 'fw.bin', '1.0', 'HTTP', DATE '2026-03-01', DATE '2026-03-31', 's', 2, 1, ?,
					CURRENT_TIMESTAMP, ?)""", instance, key, key, state, imeis);
	}

	private static void entry(JdbcTemplate jdbc, long instance, long row, int seq, String imei, String campaignKey,
			String status) {
		jdbc.update("""
				INSERT INTO device_entry (job_instance_id, row_no, seq_in_row, imei, account, campaign_name, file_name,
					file_version, campaign_key, part_no, status)
				VALUES (?, ?, ?, ?, 'acc', ?, 'fw.bin', '1.0', ?, 1, ?)""", instance, row, seq, imei, campaignKey, campaignKey,
				status);
	}

}
