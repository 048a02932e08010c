package io.github.campaignbatch.rollout;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.campaignbatch.campaign.RolloutPolicy;
import io.github.campaignbatch.submission.CampaignState;
import io.github.campaignbatch.tracking.VendorStatuses;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rollout's waves as the ledger holds them ({@code campaign} rows with a {@code wave_no}, the policy in
 * {@code campaign_rollout}), and their transitions: HELD (or HALTED, by hand) to PLANNED (a release), HELD to HALTED,
 * HALTED back to HELD (the waves after one released by hand), HELD or HALTED to EXPIRED. Each transition commits in a transaction of its own, compare-and-set on the state, and
 * all the rows of one wave (its parts) move together or not at all.
 */
public class RolloutLedger {

	private static final int MAX_MESSAGE = 2000;

	private static final String SELECT = """
			SELECT id, campaign_key, wave_no, wave_count, name, account, device_count, state, start_date, end_date,
				remote_id, released_at, error_code, error_message, first_row_no
			FROM campaign""";

	private static final RowMapper<WaveRow> MAPPER = RolloutLedger::map;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	public RolloutLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** The policy the job instance's waves were planned with; {@link RolloutPolicy#NONE} when it has none. */
	public RolloutPolicy policy(long jobInstanceId) {
		List<String> policies = this.jdbc.queryForList("SELECT policy FROM campaign_rollout WHERE job_instance_id = ?",
				String.class, jobInstanceId);
		return policies.isEmpty() ? RolloutPolicy.NONE : RolloutPolicy.parse(policies.get(0));
	}

	/** Whether the job instance's waves were planned by a dry run: shown, never released. */
	public boolean plannedByDryRun(long jobInstanceId) {
		List<Boolean> dryRun = this.jdbc.queryForList("SELECT dry_run FROM campaign_rollout WHERE job_instance_id = ?",
				Boolean.class, jobInstanceId);
		return !dryRun.isEmpty() && Boolean.TRUE.equals(dryRun.get(0));
	}

	/** The job instance's waves per campaign (key), campaigns in input order, each's waves and parts in order. */
	public Map<String, List<WaveRow>> campaigns(long jobInstanceId) {
		Map<String, List<WaveRow>> byCampaign = new LinkedHashMap<>();
		for (WaveRow row : this.jdbc.query(SELECT + """
				 c WHERE job_instance_id = ? AND wave_no IS NOT NULL
				ORDER BY (SELECT MIN(o.first_row_no) FROM campaign o WHERE o.job_instance_id = c.job_instance_id
					AND o.campaign_key = c.campaign_key), campaign_key, part_no""", MAPPER, jobInstanceId)) {
			byCampaign.computeIfAbsent(row.campaignKey(), key -> new ArrayList<>()).add(row);
		}
		return byCampaign;
	}

	/**
	 * Job instances (of runs that send) with a rollout not over: a wave HELD, or released and not settled yet. Together
	 * with the instances with open campaigns, what {@code track --open} and the schedule's tick look at.
	 */
	/** The execution an operator names to act on this row's rollout: the last one of its job instance. */
	public long executionOf(WaveRow row) {
		Long execution = this.jdbc.queryForObject("""
				SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN campaign c
				ON c.job_instance_id = e.JOB_INSTANCE_ID WHERE c.id = ?""", Long.class, row.id());
		return execution == null ? 0 : execution;
	}

	public List<Long> jobInstancesWithOpenRollouts() {
		return this.jdbc.queryForList("""
				SELECT DISTINCT c.job_instance_id FROM campaign c JOIN campaign_rollout r ON r.job_instance_id = c.job_instance_id
				WHERE r.dry_run = FALSE AND (c.state = 'HELD' OR (c.released_at IS NOT NULL
					AND c.state IN ('PLANNED', 'SUBMITTING', 'UNKNOWN', 'FAILED')))
				ORDER BY c.job_instance_id""", Long.class);
	}

	/**
	 * What the devices of these (scheduled) campaigns came to at ThingSpace, as {@code track} last read them: the
	 * gate's reading.
	 */
	public Gate.Reading measure(Collection<WaveRow> released) {
		if (released.isEmpty()) {
			return new Gate.Reading(0, 0, 0, false);
		}
		List<Long> ids = released.stream().map(WaveRow::id).toList();
		String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
		long[] counts = { 0, 0 };
		this.jdbc.query("SELECT device_status, COUNT(*) FROM device_vendor_status WHERE campaign_id IN (" + in + ")"
				+ " GROUP BY device_status", rs -> {
					String status = rs.getString(1);
					if (VendorStatuses.UPGRADE_SUCCESS.equals(status)) {
						counts[0] += rs.getLong(2);
					}
					else if (VendorStatuses.FINAL_DEVICE_STATUSES.contains(status)) {
						counts[1] += rs.getLong(2);
					}
				}, ids.toArray());
		Integer finished = this.jdbc.queryForObject("SELECT COUNT(*) FROM campaign_tracking WHERE finished = TRUE"
				+ " AND campaign_id IN (" + in + ")", Integer.class, ids.toArray());
		long devices = released.stream().mapToLong(WaveRow::deviceCount).sum();
		return new Gate.Reading(devices, counts[0], counts[1], finished != null && finished == ids.size());
	}

	/**
	 * Releases one wave: its rows HELD (or, released by hand, HALTED) become PLANNED, stamped {@code released_at}, their
	 * start date the day of the release ({@link WaveRow#startDateIfReleasedOn}); the rows of {@code halted} that are HALTED wait for their
	 * gates again (HELD). All of them or none, in one transaction.
	 * @return whether the wave was released by this call (false: another process did, or it is no longer held)
	 */
	public boolean release(List<WaveRow> wave, List<WaveRow> halted, LocalDate today, Instant now) {
		Boolean moved = this.ownTransaction.execute(status -> {
			boolean all = moveEach(wave, """
					UPDATE campaign SET state = 'PLANNED', released_at = ?, updated_at = ?, error_code = NULL,
						error_message = NULL, start_date = ?
					WHERE id = ? AND state IN ('HELD', 'HALTED')""", row -> new Object[] { Timestamp.from(now),
							Timestamp.from(now), Date.valueOf(row.startDateIfReleasedOn(today)), row.id() })
					&& moveEach(halted.stream().filter(row -> row.state() == CampaignState.HALTED).toList(), """
							UPDATE campaign SET state = 'HELD', error_code = NULL, error_message = NULL, updated_at = ?
							WHERE id = ? AND state = 'HALTED'""", row -> new Object[] { Timestamp.from(now), row.id() });
			if (!all) {
				// another process moved this wave first: leave it as that process left it
				status.setRollbackOnly();
			}
			return all;
		});
		return Boolean.TRUE.equals(moved);
	}

	/** HELD to HALTED, with the reason every one of their devices shows in the report. */
	public boolean halt(List<WaveRow> rows, String errorCode, String reason, Instant now) {
		return moveAll(rows, """
				UPDATE campaign SET state = 'HALTED', error_code = ?, error_message = ?, updated_at = ?
				WHERE id = ? AND state = 'HELD'""", row -> new Object[] { errorCode, clip(reason), Timestamp.from(now),
						row.id() });
	}

	/** HELD or HALTED to EXPIRED: their end date passed before they were released. */
	public boolean expire(List<WaveRow> rows, String errorCode, String reason, Instant now) {
		return moveAll(rows, """
				UPDATE campaign SET state = 'EXPIRED', error_code = ?, error_message = ?, updated_at = ?
				WHERE id = ? AND state IN ('HELD', 'HALTED')""", row -> new Object[] { errorCode, clip(reason),
						Timestamp.from(now), row.id() });
	}

	private boolean moveAll(List<WaveRow> rows, String sql, Function<WaveRow, Object[]> arguments) {
		if (rows.isEmpty()) {
			return false;
		}
		Boolean moved = this.ownTransaction.execute(status -> {
			if (!moveEach(rows, sql, arguments)) {
				// another process moved these rows first: leave them as that process left them
				status.setRollbackOnly();
				return false;
			}
			return true;
		});
		return Boolean.TRUE.equals(moved);
	}

	private boolean moveEach(List<WaveRow> rows, String sql, Function<WaveRow, Object[]> arguments) {
		for (WaveRow row : rows) {
			if (this.jdbc.update(sql, arguments.apply(row)) != 1) {
				return false;
			}
		}
		return true;
	}

	private static String clip(String text) {
		return text == null || text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 3) + "...";
	}

	private static WaveRow map(ResultSet rs, int rowNum) throws SQLException {
		Timestamp released = rs.getTimestamp("released_at");
		return new WaveRow(rs.getLong("id"), rs.getString("campaign_key"), rs.getInt("wave_no"), rs.getInt("wave_count"),
				rs.getString("name"), rs.getString("account"), rs.getInt("device_count"),
				CampaignState.valueOf(rs.getString("state")), rs.getDate("start_date").toLocalDate(),
				rs.getDate("end_date").toLocalDate(), rs.getString("remote_id"),
				released == null ? null : released.toInstant(), rs.getString("error_code"), rs.getString("error_message"),
				rs.getLong("first_row_no"));
	}
}
