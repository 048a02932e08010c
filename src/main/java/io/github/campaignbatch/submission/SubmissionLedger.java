package io.github.campaignbatch.submission;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
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

	/** The error code of a campaign whose POST may or may not have created it. */
	public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

	private static final SqlParameterValue NULL_TEXT = new SqlParameterValue(Types.VARCHAR, null);

	/**
	 * When the last POST went out: {@code last_sent_at}; for a row sent before V5 added it, {@code updated_at} (never
	 * earlier than that POST); none for a campaign never sent.
	 */
	private static final String SENT_AT = "CASE WHEN attempts = 0 THEN last_sent_at ELSE COALESCE(last_sent_at, updated_at) END";

	private static final String SELECT = """
			SELECT id, job_instance_id, campaign_key, part_no, name, account, file_name, file_version, distribution_type,
				start_date, end_date, download_after_date, download_windows, install_after_date, install_windows,
				device_count, state, remote_id, attempts, SENT_AT AS sent_at
			FROM campaign""".replace("SENT_AT", SENT_AT);

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

	/**
	 * Campaigns of the job instance that still need work, in input order; a rollout's waves not released (HELD), or
	 * never to be sent (HALTED, EXPIRED), are not the submit step's.
	 */
	public List<Long> unfinishedIds(long jobInstanceId) {
		return this.jdbc.queryForList("""
				SELECT id FROM campaign WHERE job_instance_id = ?
					AND state NOT IN ('SCHEDULED', 'REJECTED', 'HELD', 'HALTED', 'EXPIRED')
				ORDER BY first_row_no, part_no""", Long.class, jobInstanceId);
	}

	/** Campaigns of the job instance that are not final (neither SCHEDULED nor REJECTED), in input order. */
	public List<LedgerCampaign> unfinished(long jobInstanceId) {
		return inState(jobInstanceId, CampaignState.PLANNED, CampaignState.SUBMITTING, CampaignState.UNKNOWN,
				CampaignState.FAILED);
	}

	/**
	 * The job instances with a campaign not final: those of real runs that did not complete, of dry runs (their
	 * campaigns stay PLANNED), and of completed runs left with campaigns in doubt by an earlier version.
	 */
	public Set<Long> jobInstancesWithUnfinishedCampaigns() {
		return new HashSet<>(this.jdbc.queryForList(
				"SELECT DISTINCT job_instance_id FROM campaign WHERE state NOT IN ('SCHEDULED', 'REJECTED')", Long.class));
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
	 * The IMEIs to send for one campaign part, in input order: the list the group step wrote into the ledger. Empty for
	 * a campaign planned by a development version whose staged entries were pruned before migration V12 could copy
	 * them into the ledger (as they read before V12); nothing sends it again: V12 rejected such campaigns never sent
	 * and abandoned their executions.
	 */
	public List<String> deviceList(LedgerCampaign campaign) {
		List<String> planned = this.jdbc.queryForList("SELECT imeis FROM campaign WHERE id = ?", String.class,
				campaign.id());
		if (planned.isEmpty() || planned.get(0) == null || planned.get(0).isEmpty()) {
			return List.of();
		}
		return List.of(planned.get(0).split(","));
	}

	/**
	 * The ledger row, other than {@code campaignId}, that already holds this vendor id: of any job instance, in any
	 * state (a vendor id is only ever written with SCHEDULED, but a row keeps it whatever happens to it after).
	 */
	public Optional<LedgerCampaign> holderOf(String remoteId, long campaignId) {
		return this.jdbc.query(SELECT + " WHERE remote_id = ? AND id <> ? ORDER BY id", MAPPER, remoteId, campaignId)
			.stream()
			.findFirst();
	}

	/**
	 * PLANNED to SUBMITTING, counting the attempt and stamping its send time; false when the campaign was not
	 * PLANNED any more.
	 */
	public boolean markSubmitting(long id) {
		return transition(id, CampaignState.PLANNED, CampaignState.SUBMITTING, Map.of("attempts", "attempts + 1"), null,
				null, null, null, true);
	}

	/** The vendor answered the POST with this id: recorded whatever else holds it, since the vendor said so. */
	public boolean markScheduled(long id, CampaignState from, String remoteId, String vendorStatus) {
		return transition(id, from, CampaignState.SCHEDULED, Map.of(), remoteId, vendorStatus, null, null, false);
	}

	/**
	 * An in-doubt campaign found in the vendor's history: SCHEDULED with that id, unless another row holds the id by
	 * now (a worker of this run, or another run, recorded it since it was checked); false then, or when the
	 * campaign was not in state {@code from} any more.
	 */
	public boolean claimFound(long id, CampaignState from, String remoteId, String vendorStatus) {
		return transition(id, from, CampaignState.SCHEDULED, Map.of(), remoteId, vendorStatus, null, null, false, true);
	}

	/**
	 * Found in the vendor's history before this ledger ever sent it: SCHEDULED, with a note saying so, unless
	 * another row holds the id by now (as {@link #claimFound}).
	 */
	public boolean markFoundAtVendor(long id, String remoteId, String vendorStatus, String note) {
		return transition(id, CampaignState.PLANNED, CampaignState.SCHEDULED, Map.of(), remoteId, vendorStatus,
				"FOUND_AT_VENDOR", note, false, true);
	}

	public boolean markRejected(long id, String errorCode, String errorMessage) {
		return transition(id, CampaignState.SUBMITTING, CampaignState.REJECTED, Map.of(), null, null, errorCode,
				errorMessage, false);
	}

	/**
	 * SUBMITTING to UNKNOWN after an ambiguous answer. The send time moves to now, the moment the answer was lost:
	 * the vendor cannot have created the campaign later than that, so the visibility horizon counts from a safe
	 * instant even when the client's own retries sent the POST later than it was stamped.
	 */
	public boolean markUnknown(long id, String reason) {
		return transition(id, CampaignState.SUBMITTING, CampaignState.UNKNOWN, Map.of(), null, null, OUTCOME_UNKNOWN,
				reason, true);
	}

	/**
	 * An in-doubt campaign stays (or, from SUBMITTING after a crash, becomes) UNKNOWN with a note saying why and
	 * until when; its send time is kept as recorded.
	 */
	public boolean markInDoubt(long id, CampaignState from, String note) {
		return transition(id, from, CampaignState.UNKNOWN, Map.of("last_sent_at", SENT_AT),
				null, null, OUTCOME_UNKNOWN, note, false);
	}

	/**
	 * Campaigns of the job instance whose POST may have created them and whose outcome is still open (for
	 * {@code status}: "in doubt, settled after ...", see {@link LedgerCampaign#settleableAfter}).
	 */
	public List<LedgerCampaign> inDoubt(long jobInstanceId) {
		return inState(jobInstanceId, CampaignState.SUBMITTING, CampaignState.UNKNOWN);
	}

	/** Whether this job instance ever sent (or began to send) a campaign: false for a fresh ledger. */
	public boolean hasSentAnything(long jobInstanceId) {
		Integer count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM campaign WHERE job_instance_id = ? AND (attempts > 0 OR state NOT IN ('PLANNED', 'HELD'))",
				Integer.class, jobInstanceId);
		return count != null && count > 0;
	}

	public boolean markFailed(long id, String errorCode, String reason) {
		return transition(id, CampaignState.SUBMITTING, CampaignState.FAILED, Map.of(), null, null, errorCode, reason,
				false);
	}

	/** Back to PLANNED: the vendor certainly has no such campaign, so sending it again is safe. */
	public boolean markPlanned(long id, CampaignState from) {
		return transition(id, from, CampaignState.PLANNED, Map.of(), null, null, null, null, false);
	}

	/** On a restart, campaigns that never reached the vendor are planned again. */
	public int replanFailed(long jobInstanceId) {
		return this.ownTransaction.execute(status -> this.jdbc.update("""
				UPDATE campaign SET state = 'PLANNED', error_code = NULL, error_message = NULL, updated_at = ?
				WHERE job_instance_id = ? AND state = 'FAILED'""", now(), jobInstanceId));
	}

	/**
	 * The device lists of planned campaign parts after the pre-flight check took some devices out (they are in another
	 * active campaign): each part's list and count, in one transaction. A part no longer PLANNED keeps the list it was
	 * sent with.
	 */
	public void keepDevices(Map<Long, List<String>> keptByCampaign) {
		this.ownTransaction.executeWithoutResult(status -> keptByCampaign.forEach((id, kept) -> this.jdbc.update(
				"UPDATE campaign SET imeis = ?, device_count = ? WHERE id = ? AND state = 'PLANNED'",
				String.join(",", kept), kept.size(), id)));
	}

	/**
	 * A scheduled campaign's schedule as ThingSpace now has it, after an {@code amend} changed it: the dates and
	 * windows the campaign's later checks (pre-flight's active campaigns, the report) read.
	 */
	public void amendScheduledDates(long id, LocalDate startDate, LocalDate endDate, LocalDate downloadAfterDate,
			String downloadWindows, LocalDate installAfterDate, String installWindows) {
		this.ownTransaction.executeWithoutResult(status -> this.jdbc.update("""
				UPDATE campaign SET start_date = ?, end_date = ?, download_after_date = ?, download_windows = ?,
					install_after_date = ?, install_windows = ?
				WHERE id = ? AND state = 'SCHEDULED'""", startDate, endDate, downloadAfterDate, downloadWindows,
				installAfterDate, installWindows, id));
	}

	/**
	 * A scheduled campaign's devices after an {@code amend} added and removed some: its list with the added ones
	 * (not listed yet) appended and the removed ones taken out, and its count. Applying the same change twice gives
	 * the same list.
	 */
	public void amendScheduledDevices(long id, List<String> added, List<String> removed) {
		this.ownTransaction.executeWithoutResult(status -> {
			Set<String> devices = new LinkedHashSet<>(deviceList(find(id)));
			devices.addAll(added);
			removed.forEach(devices::remove);
			this.jdbc.update("UPDATE campaign SET imeis = ?, device_count = ? WHERE id = ? AND state = 'SCHEDULED'",
					String.join(",", devices), devices.size(), id);
		});
	}

	/** PLANNED to REJECTED for the job instance's campaign parts left without a device; returns how many. */
	public int rejectPlannedWithoutDevices(long jobInstanceId, String errorCode, String errorMessage) {
		return this.ownTransaction.execute(status -> this.jdbc.update("""
				UPDATE campaign SET state = 'REJECTED', error_code = ?, error_message = ?, updated_at = ?
				WHERE job_instance_id = ? AND state = 'PLANNED' AND device_count = 0""", errorCode, clip(errorMessage),
				now(), jobInstanceId));
	}

	/**
	 * PLANNED to REJECTED for the job instance's campaigns of {@code account} that would install this file (it is not
	 * available to the account); returns how many.
	 */
	public int rejectPlannedNeedingFile(long jobInstanceId, String account, String fileName, String fileVersion,
			String distributionType, String errorCode, String errorMessage) {
		return this.ownTransaction.execute(status -> this.jdbc.update("""
				UPDATE campaign SET state = 'REJECTED', error_code = ?, error_message = ?, updated_at = ?
				WHERE job_instance_id = ? AND state = 'PLANNED' AND account = ? AND file_name = ? AND file_version = ?
					AND distribution_type = ?""", errorCode, clip(errorMessage), now(), jobInstanceId, account, fileName,
				fileVersion, distributionType));
	}

	/**
	 * Keeps a note on a campaign whose outcome is still unknown (e.g. the history could not be read). The send time
	 * is pinned first, so that touching {@code updated_at} never moves the horizon of a row recorded before V5.
	 */
	public void noteUnknown(long id, String reason) {
		this.ownTransaction.executeWithoutResult(status -> this.jdbc.update("UPDATE campaign SET last_sent_at = " + SENT_AT
				+ ", error_message = ?, updated_at = ? WHERE id = ?", clip(reason), now(), id));
	}

	private boolean transition(long id, CampaignState from, CampaignState to, Map<String, String> extra, String remoteId,
			String vendorStatus, String errorCode, String errorMessage, boolean stampSent) {
		return transition(id, from, to, extra, remoteId, vendorStatus, errorCode, errorMessage, stampSent, false);
	}

	/** @param unclaimed only if no other row holds {@code remoteId}, checked in the same statement */
	private boolean transition(long id, CampaignState from, CampaignState to, Map<String, String> extra, String remoteId,
			String vendorStatus, String errorCode, String errorMessage, boolean stampSent, boolean unclaimed) {
		Timestamp now = now();
		List<Object> arguments = new ArrayList<>(List.of(to.name(), now));
		StringBuilder sql = new StringBuilder("UPDATE campaign SET state = ?, updated_at = ?, error_code = ?, error_message = ?");
		arguments.add(errorCode == null ? NULL_TEXT : errorCode);
		arguments.add(errorMessage == null ? NULL_TEXT : clip(errorMessage));
		if (remoteId != null) {
			sql.append(", remote_id = ?, vendor_status = ?");
			arguments.add(remoteId);
			arguments.add(vendorStatus == null ? NULL_TEXT : vendorStatus);
		}
		if (stampSent) {
			sql.append(", last_sent_at = ?");
			arguments.add(now);
		}
		extra.forEach((column, expression) -> sql.append(", ").append(column).append(" = ").append(expression));
		sql.append(" WHERE id = ? AND state = ?");
		arguments.add(id);
		arguments.add(from.name());
		if (unclaimed) {
			sql.append(" AND NOT EXISTS (SELECT 1 FROM campaign held WHERE held.remote_id = ? AND held.id <> ?)");
			arguments.add(remoteId);
			arguments.add(id);
		}
		Integer updated = this.ownTransaction.execute(status -> this.jdbc.update(sql.toString(), arguments.toArray()));
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
				CampaignState.valueOf(rs.getString("state")), rs.getString("remote_id"), rs.getInt("attempts"),
				instant(rs.getTimestamp("sent_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static LocalDate date(ResultSet rs, String column) throws SQLException {
		Date date = rs.getDate(column);
		return date == null ? null : date.toLocalDate();
	}
}
