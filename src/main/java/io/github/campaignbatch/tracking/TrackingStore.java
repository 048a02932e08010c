package io.github.campaignbatch.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.campaignbatch.thingspace.DeviceStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tables {@code device_vendor_status} and {@code campaign_tracking}, and the vendor status of the ledger's
 * campaigns. Device statuses are written per campaign in one transaction with JDBC batches: only new devices are
 * inserted and only changed ones updated, so a poll of a campaign where nothing moved writes nothing.
 */
public class TrackingStore {

	private static final int BATCH = 1000;

	private static final int MAX_REASON = 1000;

	private static final String SELECT = """
			SELECT c.id, c.job_instance_id, c.name, c.account, c.remote_id, c.vendor_status,
				COALESCE(t.finished, FALSE) AS finished
			FROM campaign c LEFT JOIN campaign_tracking t ON t.campaign_id = c.id
			WHERE c.state = 'SCHEDULED' AND c.remote_id IS NOT NULL""";

	private static final RowMapper<TrackedCampaign> MAPPER = (rs, n) -> new TrackedCampaign(rs.getLong("id"),
			rs.getLong("job_instance_id"), rs.getString("name"), rs.getString("account"), rs.getString("remote_id"),
			rs.getString("vendor_status"), rs.getBoolean("finished"));

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	public TrackingStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/** Every scheduled campaign of the job instance, finished or not, in input order. */
	public List<TrackedCampaign> scheduled(long jobInstanceId) {
		return this.jdbc.query(SELECT + " AND c.job_instance_id = ? ORDER BY c.first_row_no, c.part_no", MAPPER,
				jobInstanceId);
	}

	/** Job instances with at least one scheduled campaign whose final state has not been read yet. */
	public List<Long> jobInstancesWithOpenCampaigns() {
		return this.jdbc.queryForList("""
				SELECT DISTINCT c.job_instance_id FROM campaign c LEFT JOIN campaign_tracking t ON t.campaign_id = c.id
				WHERE c.state = 'SCHEDULED' AND c.remote_id IS NOT NULL AND COALESCE(t.finished, FALSE) = FALSE
				ORDER BY c.job_instance_id""", Long.class);
	}

	/**
	 * Stores what one poll read: the campaign's status, and every device's status with the time it was first seen.
	 *
	 * @param finished the status was final before the devices were read, so their statuses are final too
	 * @return how many device rows were written (inserted or changed)
	 */
	public int savePoll(TrackedCampaign campaign, String vendorStatus, List<DeviceStatus> devices, boolean finished) {
		Timestamp now = now();
		Integer written = this.transaction.execute(status -> {
			Map<String, String[]> known = new HashMap<>();
			this.jdbc.query("SELECT imei, device_status, result_reason FROM device_vendor_status WHERE job_instance_id = ?"
					+ " AND campaign_id = ?", rs -> {
						known.put(rs.getString(1), new String[] { rs.getString(2), rs.getString(3) });
					}, campaign.jobInstanceId(), campaign.id());
			Map<String, DeviceStatus> latest = new LinkedHashMap<>();
			for (DeviceStatus device : devices) {
				if (device.deviceId() != null && device.status() != null) {
					latest.put(device.deviceId(), device);
				}
			}
			List<Object[]> inserts = new ArrayList<>();
			List<Object[]> updates = new ArrayList<>();
			for (DeviceStatus device : latest.values()) {
				String reason = clip(device.resultReason());
				String[] before = known.get(device.deviceId());
				if (before == null) {
					inserts.add(new Object[] { campaign.jobInstanceId(), campaign.id(), device.deviceId(), device.status(),
							reason, now });
				}
				else if (!device.status().equals(before[0]) || !java.util.Objects.equals(reason, before[1])) {
					updates.add(new Object[] { device.status(), reason, now, campaign.jobInstanceId(), campaign.id(),
							device.deviceId() });
				}
			}
			batch("""
					INSERT INTO device_vendor_status (job_instance_id, campaign_id, imei, device_status, result_reason,
						status_at) VALUES (?, ?, ?, ?, ?, ?)""", inserts);
			batch("""
					UPDATE device_vendor_status SET device_status = ?, result_reason = ?, status_at = ?
					WHERE job_instance_id = ? AND campaign_id = ? AND imei = ?""", updates);
			this.jdbc.update("UPDATE campaign SET vendor_status = ? WHERE id = ?", vendorStatus, campaign.id());
			upsertTracking(campaign, "polled_at = ?, finished = ?", new Object[] { now, finished });
			return inserts.size() + updates.size();
		});
		return written == null ? 0 : written;
	}

	/** Writes the intent before the DELETE leaves, so a crash in between leaves a trace. */
	public void noteCancelRequested(TrackedCampaign campaign) {
		this.transaction.executeWithoutResult(status -> upsertTracking(campaign,
				"cancel_requested_at = ?, cancel_outcome = ?", new Object[] { now(), "requested" }));
	}

	/** What the cancel came to, and the campaign's status read after it. */
	public void noteCancelOutcome(TrackedCampaign campaign, String vendorStatus, String outcome) {
		this.transaction.executeWithoutResult(status -> {
			if (vendorStatus != null) {
				this.jdbc.update("UPDATE campaign SET vendor_status = ? WHERE id = ?", vendorStatus, campaign.id());
			}
			upsertTracking(campaign, "cancel_outcome = ?", new Object[] { clip(outcome) });
		});
	}

	/** When the job instance's campaigns were last read at ThingSpace by {@code track}; empty if never. */
	public Optional<Instant> lastTracked(long jobInstanceId) {
		Timestamp last = this.jdbc.queryForObject(
				"SELECT MAX(polled_at) FROM campaign_tracking WHERE job_instance_id = ?", Timestamp.class, jobInstanceId);
		return Optional.ofNullable(last).map(Timestamp::toInstant);
	}

	/** The scheduled devices of the job instance by final vendor status, and how many are still pending. */
	public DeviceProgress progress(long jobInstanceId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		long[] done = { 0 };
		this.jdbc.query("""
				SELECT v.device_status, COUNT(*) AS n FROM device_vendor_status v JOIN campaign c ON c.id = v.campaign_id
				WHERE v.job_instance_id = ? AND c.state = 'SCHEDULED' GROUP BY v.device_status
				ORDER BY n DESC, v.device_status""",
				rs -> {
					if (VendorStatuses.FINAL_DEVICE_STATUSES.contains(rs.getString(1))) {
						counts.put(rs.getString(1), rs.getLong(2));
						done[0] += rs.getLong(2);
					}
				}, jobInstanceId);
		Long scheduled = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(device_count), 0) FROM campaign WHERE job_instance_id = ? AND state = 'SCHEDULED'",
				Long.class, jobInstanceId);
		return new DeviceProgress(counts, Math.max(0, (scheduled == null ? 0 : scheduled) - done[0]));
	}

	private void upsertTracking(TrackedCampaign campaign, String assignments, Object[] values) {
		Object[] arguments = new Object[values.length + 1];
		System.arraycopy(values, 0, arguments, 0, values.length);
		arguments[values.length] = campaign.id();
		int updated = this.jdbc.update("UPDATE campaign_tracking SET " + assignments + " WHERE campaign_id = ?", arguments);
		if (updated == 0) {
			this.jdbc.update("INSERT INTO campaign_tracking (campaign_id, job_instance_id) VALUES (?, ?)", campaign.id(),
					campaign.jobInstanceId());
			this.jdbc.update("UPDATE campaign_tracking SET " + assignments + " WHERE campaign_id = ?", arguments);
		}
	}

	private void batch(String sql, List<Object[]> rows) {
		for (int from = 0; from < rows.size(); from += BATCH) {
			this.jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)));
		}
	}

	private Timestamp now() {
		return Timestamp.from(Instant.now(this.clock));
	}

	private static String clip(String text) {
		return text == null || text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 3) + "...";
	}
}
