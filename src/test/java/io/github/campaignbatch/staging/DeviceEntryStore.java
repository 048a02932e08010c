package io.github.campaignbatch.staging;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;

import io.github.campaignbatch.campaign.Schedule;
import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.Problem;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How versions before the staging files staged device entries: in the job database's {@code device_entry} table.
 * Kept in the tests to make the data of old executions, which the report must still read, and as the first half
 * of the old path that {@code GrouperEquivalenceTest} compares the new grouping with.
 */
public class DeviceEntryStore {

	private static final String INSERT = """
			INSERT INTO device_entry (job_instance_id, row_no, seq_in_row, imei, account, campaign_name, file_name,
				file_version, distribution_type, start_date, end_date, download_after_date, install_after_date,
				download_windows, install_windows, campaign_key, schedule_sig, part_no, status, error_code, error_message)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)""";

	private static final int MAX_MESSAGE_LENGTH = 1000;

	private final JdbcTemplate jdbc;

	public DeviceEntryStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(long jobInstanceId, List<DeviceEntry> entries) {
		this.jdbc.batchUpdate(INSERT, entries, entries.size(), (statement, entry) -> bind(statement, jobInstanceId, entry));
	}

	private static void bind(PreparedStatement statement, long jobInstanceId, DeviceEntry entry) throws SQLException {
		Schedule schedule = entry.schedule();
		statement.setLong(1, jobInstanceId);
		statement.setLong(2, entry.rowNumber());
		statement.setInt(3, entry.seqInRow());
		statement.setString(4, entry.imei());
		statement.setString(5, entry.account());
		statement.setString(6, entry.campaignName());
		statement.setString(7, entry.fileName());
		statement.setString(8, entry.fileVersion());
		statement.setString(9, schedule == null ? null : schedule.distributionType());
		setDate(statement, 10, schedule == null ? null : schedule.startDate());
		setDate(statement, 11, schedule == null ? null : schedule.endDate());
		setDate(statement, 12, schedule == null ? null : schedule.downloadAfterDate());
		setDate(statement, 13, schedule == null ? null : schedule.installAfterDate());
		statement.setString(14, schedule == null ? null : TimeWindow.format(schedule.downloadTimeWindows()));
		statement.setString(15, schedule == null ? null : TimeWindow.format(schedule.installTimeWindows()));
		statement.setString(16, entry.campaignKey());
		statement.setString(17, schedule == null ? null : schedule.signature());
		statement.setString(18, entry.status().name());
		Problem problem = entry.problem();
		statement.setString(19, problem == null ? null : problem.code().name());
		statement.setString(20, problem == null ? null : clip(problem.message()));
	}

	private static void setDate(PreparedStatement statement, int index, LocalDate date) throws SQLException {
		if (date == null) {
			statement.setNull(index, Types.DATE);
		}
		else {
			statement.setDate(index, Date.valueOf(date));
		}
	}

	private static String clip(String message) {
		return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
	}
}
