package io.github.campaignbatch.amendment;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.submission.SubmissionLedger;
import io.github.campaignbatch.thingspace.CampaignDates;
import io.github.campaignbatch.tracking.TrackedCampaign;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The amendment ledger (tables {@code campaign_amendment} and {@code amended_device}, V9): every change sent to
 * ThingSpace, written before its PUT and settled after, and the campaign ledger's copy of what a change that took
 * effect made of the campaign (through {@link SubmissionLedger}, like every change of {@code campaign}).
 */
public class AmendmentStore {

	private static final int MAX_TEXT = 1000;

	private static final int MAX_COMMAND = 2000;

	/** What was changed. */
	public enum Kind {
		DATES, DEVICES
	}

	/** Where a change stands. */
	public enum State {
		/** Written before the PUT; a process that died after it leaves it so, for the next amend to settle. */
		REQUESTED,
		/** ThingSpace took it. */
		APPLIED,
		/** ThingSpace refused it: nothing changed. */
		REFUSED,
		/** The answer was lost and the campaign did not show the change yet; the next amend reads it again. */
		UNKNOWN,
		/** Not done: never sent, or settled by a read that did not show it. */
		NOT_APPLIED;

		boolean isPending() {
			return this == REQUESTED || this == UNKNOWN;
		}
	}

	/**
	 * One change.
	 *
	 * @param before the schedule read from ThingSpace before a dates change
	 * @param requested the whole schedule sent, or for devices how many were added and removed
	 * @param added the devices a device change added (asked, or once settled those that took effect)
	 */
	public record Amendment(long id, long jobInstanceId, long campaignId, String campaignName, Kind kind, String command,
			String before, String requested, State state, String outcome, String requestId, Instant requestedAt,
			Instant settledAt, List<String> added, List<String> removed) {

		/** The schedule a dates change asked for. */
		public CampaignDates requestedDates() {
			return ScheduleText.parse(this.requested);
		}
	}

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final SubmissionLedger ledger;

	private final Clock clock;

	public AmendmentStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, SubmissionLedger ledger,
			Clock clock) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
		this.ledger = ledger;
		this.clock = clock;
	}

	/** Writes a dates change before its PUT leaves. */
	public long requestDates(TrackedCampaign campaign, String command, CampaignDates before, CampaignDates target) {
		return insert(campaign, Kind.DATES, command, ScheduleText.format(before), ScheduleText.format(target), List.of(),
				List.of());
	}

	/** Writes a device change, with its devices, before its PUT leaves. */
	public long requestDevices(TrackedCampaign campaign, String command, List<String> add, List<String> remove) {
		return insert(campaign, Kind.DEVICES, command, null, "add " + add.size() + ", remove " + remove.size(), add, remove);
	}

	private long insert(TrackedCampaign campaign, Kind kind, String command, String before, String requested,
			List<String> add, List<String> remove) {
		Long id = this.transaction.execute(status -> {
			KeyHolder key = new GeneratedKeyHolder();
			this.jdbc.update(connection -> {
				PreparedStatement insert = connection.prepareStatement("""
						INSERT INTO campaign_amendment (job_instance_id, campaign_id, kind, command, before_value, requested,
							state, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] { "id" });
				insert.setLong(1, campaign.jobInstanceId());
				insert.setLong(2, campaign.id());
				insert.setString(3, kind.name());
				insert.setString(4, clip(command, MAX_COMMAND));
				insert.setString(5, before);
				insert.setString(6, requested);
				insert.setString(7, State.REQUESTED.name());
				insert.setTimestamp(8, now());
				return insert;
			}, key);
			long amendment = key.getKeyAs(Number.class).longValue();
			List<Object[]> devices = new ArrayList<>();
			add.forEach(imei -> devices.add(new Object[] { amendment, campaign.jobInstanceId(), campaign.id(), imei, "ADD" }));
			remove.forEach(imei -> devices.add(new Object[] { amendment, campaign.jobInstanceId(), campaign.id(), imei, "REMOVE" }));
			this.jdbc.batchUpdate("""
					INSERT INTO amended_device (amendment_id, job_instance_id, campaign_id, imei, change_kind)
					VALUES (?, ?, ?, ?, ?)""", devices);
			return amendment;
		});
		return id == null ? -1 : id;
	}

	/**
	 * A dates change that took effect: the campaign ledger gets the schedule first, then the change its state, so that
	 * a crash in between leaves the change pending, and settling it again writes the same schedule.
	 */
	public void datesApplied(long amendmentId, TrackedCampaign campaign, CampaignDates applied, String outcome) {
		this.ledger.amendScheduledDates(campaign.id(), applied.startDate(), applied.endDate(), applied.downloadAfterDate(),
				TimeWindow.format(applied.downloadTimeWindowList()), applied.installAfterDate(),
				TimeWindow.format(applied.installTimeWindowList()));
		settle(amendmentId, State.APPLIED, outcome, null);
	}

	/**
	 * A device change that took effect for {@code added} and {@code removed} (all it asked, or, settled by reading, the
	 * part the device report shows); the campaign ledger's device list first, as for dates.
	 */
	public void devicesApplied(long amendmentId, TrackedCampaign campaign, Collection<String> added,
			Collection<String> removed, String requestId, String outcome) {
		this.ledger.amendScheduledDevices(campaign.id(), List.copyOf(added), List.copyOf(removed));
		this.transaction.executeWithoutResult(status -> {
			List<Object[]> applied = new ArrayList<>();
			added.forEach(imei -> applied.add(new Object[] { amendmentId, imei }));
			removed.forEach(imei -> applied.add(new Object[] { amendmentId, imei }));
			this.jdbc.batchUpdate("UPDATE amended_device SET applied = TRUE WHERE amendment_id = ? AND imei = ?", applied);
			// a removed device is no longer the campaign's: its last tracked status must not count in the campaign's
			List<Object[]> gone = removed.stream()
				.map(imei -> new Object[] { campaign.jobInstanceId(), campaign.id(), imei })
				.toList();
			this.jdbc.batchUpdate("DELETE FROM device_vendor_status WHERE job_instance_id = ? AND campaign_id = ? AND imei = ?",
					gone);
			settleRow(amendmentId, State.APPLIED, outcome, requestId);
		});
	}

	/** A change refused, lost, or found not applied. */
	public void settle(long amendmentId, State state, String outcome, String requestId) {
		this.transaction.executeWithoutResult(status -> settleRow(amendmentId, state, outcome, requestId));
	}

	private void settleRow(long amendmentId, State state, String outcome, String requestId) {
		this.jdbc.update("""
				UPDATE campaign_amendment SET state = ?, outcome = ?, request_id = COALESCE(?, request_id), settled_at = ?
				WHERE id = ?""", state.name(), clip(outcome, MAX_TEXT), requestId, state.isPending() ? null : now(),
				amendmentId);
	}

	/** The campaign's status as last read, kept with the campaign as {@code track} keeps it. */
	public void noteVendorStatus(long campaignId, String vendorStatus) {
		if (vendorStatus != null) {
			this.jdbc.update("UPDATE campaign SET vendor_status = ? WHERE id = ?", vendorStatus, campaignId);
		}
	}

	/** The campaign's changes that were sent (or about to be) and never settled, oldest first. */
	public List<Amendment> pending(long campaignId) {
		return query("a.campaign_id = ? AND a.state IN ('REQUESTED', 'UNKNOWN')", campaignId);
	}

	/** Every change of the job instance's campaigns, oldest first ({@code status --execution}). */
	public List<Amendment> ofJobInstance(long jobInstanceId) {
		return query("a.job_instance_id = ?", jobInstanceId);
	}

	private List<Amendment> query(String condition, long key) {
		List<Amendment> amendments = this.jdbc.query("""
				SELECT a.id, a.job_instance_id, a.campaign_id, c.name, a.kind, a.command, a.before_value, a.requested,
					a.state, a.outcome, a.request_id, a.requested_at, a.settled_at
				FROM campaign_amendment a JOIN campaign c ON c.id = a.campaign_id""" + " WHERE " + condition + " ORDER BY a.id", (rs, n) -> new Amendment(rs.getLong(1), rs.getLong(2),
						rs.getLong(3), rs.getString(4), Kind.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
						rs.getString(8), State.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11),
						instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), List.of(), List.of()), key);
		List<Amendment> withDevices = new ArrayList<>(amendments.size());
		for (Amendment amendment : amendments) {
			if (amendment.kind() != Kind.DEVICES) {
				withDevices.add(amendment);
				continue;
			}
			List<String> added = new ArrayList<>();
			List<String> removed = new ArrayList<>();
			boolean settled = amendment.state() == State.APPLIED;
			this.jdbc.query("SELECT imei, change_kind, applied FROM amended_device WHERE amendment_id = ? ORDER BY imei",
					rs -> {
						if (!settled || rs.getBoolean(3)) {
							("ADD".equals(rs.getString(2)) ? added : removed).add(rs.getString(1));
						}
					}, amendment.id());
			withDevices.add(new Amendment(amendment.id(), amendment.jobInstanceId(), amendment.campaignId(),
					amendment.campaignName(), amendment.kind(), amendment.command(), amendment.before(),
					amendment.requested(), amendment.state(), amendment.outcome(), amendment.requestId(),
					amendment.requestedAt(), amendment.settledAt(), List.copyOf(added), List.copyOf(removed)));
		}
		return withDevices;
	}

	private Timestamp now() {
		return Timestamp.from(Instant.now(this.clock));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static String clip(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
	}
}
