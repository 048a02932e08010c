package io.github.campaignbatch.submission;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code campaign} table as a ledger. Every transition commits in a transaction of its own (never the
 * caller's), because the point of the ledger is to be on disk before and after each call to the vendor.
 * Transitions are compare-and-set on the current state, so two workers can never both send one campaign.
 */
public class SubmissionLedger {

	private static final int MAX_MESSAGE = 2000;

	private static final String SELECT = """
			SELECT id, job_instance_id, campaign_key, part_no, name, account, file_name, file_version, distribution_type,
				start_date, end_date, download_after_date, download_windows, install_after_date, install_windows,
				device_count, state, remote_id, attempts
			FROM campaign""";

	private static final RowMapper<LedgerCampaign> MAPPER = SubmissionLedger::map;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	public SubmissionLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	public LedgerCampaign find(long id) {
		return this.jdbc.queryForObject(SELECT + " WHERE id = ?", MAPPER, id);
	}

	/** Campaigns of the job instance that still need work, in input order. */
	public List<Long> unfinishedIds(long jobInstanceId) {
		return this.jdbc.queryForList("""
				SELECT id FROM campaign WHERE job_instance_id = ? AND state NOT IN ('SCHEDULED', 'REJECTED')
				ORDER BY first_row_no, part_no""", Long.class, jobInstanceId);
	}

	public List<LedgerCampaign> inState(long jobInstanceId, CampaignState... states) {
		StringBuilder in = new StringBuilder();
		for (CampaignState state : states) {
			in.append(in.isEmpty() ? "'" : ", '").append(state.name()).append('\'');
		}
		return this.jdbc.query(SELECT + " WHERE job_instance_id = ? AND state IN (" + in + ") ORDER BY first_row_no, part_no",
				MAPPER, jobInstanceId);
	}

	/**
	 * The IMEIs to send for one campaign part, in input order: the list the group step wrote into the ledger, or,
	 * for a campaign planned by a version before it, the staged entries of {@code device_entry}.
	 */
	public List<String> deviceList(LedgerCampaign campaign) {
		List<String> planned = this.jdbc.queryForList("SELECT imeis FROM campaign WHERE id = ?", String.class,
				campaign.id());
		if (!planned.isEmpty() && planned.get(0) != null) {
			return planned.get(0).isEmpty() ? List.of() : List.of(planned.get(0).split(","));
		}
		return this.jdbc.queryForList("""
				SELECT imei FROM device_entry WHERE job_instance_id = ? AND campaign_key = ? AND part_no = ?
					AND status = 'VALID' ORDER BY row_no, seq_in_row""", String.class, campaign.jobInstanceId(),
				campaign.campaignKey(), campaign.partNo());
	}

	/** Vendor ids this database already attributes to a campaign, of any job: never claimed twice. */
	public boolean isKnownRemoteId(String remoteId) {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM campaign WHERE remote_id = ?", Integer.class,
				remoteId);
		return count != null && count > 0;
	}

	/** PLANNED to SUBMITTING, counting the attempt; false when the campaign was not PLANNED any more. */
	public boolean markSubmitting(long id) {
		return transition(id, CampaignState.PLANNED, CampaignState.SUBMITTING, Map.of("attempts", "attempts + 1"), null,
				null, null, null);
	}

	public boolean markScheduled(long id, CampaignState from, String remoteId, String vendorStatus) {
		return transition(id, from, CampaignState.SCHEDULED, Map.of(), remoteId, vendorStatus, null, null);
	}

	public boolean markRejected(long id, String errorCode, String errorMessage) {
		return transition(id, CampaignState.SUBMITTING, CampaignState.REJECTED, Map.of(), null, null, errorCode,
				errorMessage);
	}

	public boolean markUnknown(long id, String reason) {
		return transition(id, CampaignState.SUBMITTING, CampaignState.UNKNOWN, Map.of(), null, null, "OUTCOME_UNKNOWN",
				reason);
	}

	public boolean markFailed(long id, String errorCode, String reason) {
		return transition(id, CampaignState.SUBMITTING, CampaignState.FAILED, Map.of(), null, null, errorCode, reason);
	}

	/** Back to PLANNED: the vendor certainly has no such campaign, so sending it again is safe. */
	public boolean markPlanned(long id, CampaignState from) {
		return transition(id, from, CampaignState.PLANNED, Map.of(), null, null, null, null);
	}

	/** On a restart, campaigns that never reached the vendor are planned again. */
	public int replanFailed(long jobInstanceId) {
		return this.ownTransaction.execute(status -> this.jdbc.update("""
				UPDATE campaign SET state = 'PLANNED', error_code = NULL, error_message = NULL, updated_at = ?
				WHERE job_instance_id = ? AND state = 'FAILED'""", now(), jobInstanceId));
	}

	/** Keeps a note on a campaign whose outcome is still unknown (e.g. the history could not be read). */
	public void noteUnknown(long id, String reason) {
		this.ownTransaction.executeWithoutResult(status -> this.jdbc.update(
				"UPDATE campaign SET error_message = ?, updated_at = ? WHERE id = ?", clip(reason), now(), id));
	}

	private boolean transition(long id, CampaignState from, CampaignState to, Map<String, String> extra, String remoteId,
			String vendorStatus, String errorCode, String errorMessage) {
		StringBuilder sql = new StringBuilder("UPDATE campaign SET state = ?, updated_at = ?, error_code = ?, error_message = ?");
		if (remoteId != null) {
			sql.append(", remote_id = ?, vendor_status = ?");
		}
		extra.forEach((column, expression) -> sql.append(", ").append(column).append(" = ").append(expression));
		sql.append(" WHERE id = ? AND state = ?");
		Object[] arguments = remoteId != null
				? new Object[] { to.name(), now(), errorCode, clip(errorMessage), remoteId, vendorStatus, id, from.name() }
				: new Object[] { to.name(), now(), errorCode, clip(errorMessage), id, from.name() };
		Integer updated = this.ownTransaction.execute(status -> this.jdbc.update(sql.toString(), arguments));
		return updated != null && updated == 1;
	}

	private Timestamp now() {
		return Timestamp.from(Instant.now(this.clock));
	}

	private static String clip(String text) {
		return text == null || text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 3) + "...";
	}

	private static LedgerCampaign map(ResultSet rs, int rowNum) throws SQLException {
		return new LedgerCampaign(rs.getLong("id"), rs.getLong("job_instance_id"), rs.getString("campaign_key"),
				rs.getInt("part_no"), rs.getString("name"), rs.getString("account"), rs.getString("file_name"),
				rs.getString("file_version"), rs.getString("distribution_type"), date(rs, "start_date"),
				date(rs, "end_date"), date(rs, "download_after_date"), rs.getString("download_windows"),
				date(rs, "install_after_date"), rs.getString("install_windows"), rs.getInt("device_count"),
				CampaignState.valueOf(rs.getString("state")), rs.getString("remote_id"), rs.getInt("attempts"));
	}

	private static LocalDate date(ResultSet rs, String column) throws SQLException {
		Date date = rs.getDate(column);
		return date == null ? null : date.toLocalDate();
	}
}
