package io.github.campaignbatch.staging;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.github.campaignbatch.campaign.CampaignNames;
import io.github.campaignbatch.campaign.RolloutPolicy;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The group step's work: groups a job instance's staged devices and plans every campaign part in the ledger
 * ({@code campaign}, state PLANNED) with its device list; in a rollout, the later waves HELD. The ledger rows are written in the caller's
 * transaction; the grouping in the staging file replaces any earlier one, so a crash at any point leaves
 * either nothing planned (the step runs again) or everything.
 */
public class CampaignPlanning {

	private static final String INSERT = """
			INSERT INTO campaign (job_instance_id, campaign_key, part_no, part_count, name, account, file_name, file_version,
				distribution_type, start_date, end_date, download_after_date, install_after_date, download_windows,
				install_windows, schedule_sig, first_row_no, device_count, state, attempts, updated_at, imeis)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', 0, ?, ?)""";

	/**
	 * A wave of a rollout: the first wave PLANNED (the submit step sends it), the later ones HELD until their gate
	 * releases them.
	 */
	private static final String INSERT_WAVE = """
			INSERT INTO campaign (job_instance_id, campaign_key, part_no, part_count, name, account, file_name, file_version,
				distribution_type, start_date, end_date, download_after_date, install_after_date, download_windows,
				install_windows, schedule_sig, first_row_no, device_count, updated_at, imeis, wave_no, wave_count, state,
				attempts)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""";

	private static final String INSERT_ROLLOUT = """
			INSERT INTO campaign_rollout (job_instance_id, policy, dry_run, planned_at) VALUES (?, ?, ?, ?)""";

	/** The last phase: the planned campaign parts go into the ledger. */
	public static final String LEDGER_PHASE = "planning campaigns in the ledger";

	/** Campaign parts per batch insert: at most 10,000 IMEIs each by default, so a few MB per batch. */
	private static final int BATCH = 50;

	private final StagingStore store;

	private final JdbcTemplate jdbc;

	public CampaignPlanning(StagingStore store, JdbcTemplate jdbc) {
		this.store = store;
		this.jdbc = jdbc;
	}

	/**
	 * @param phase receives a short description of each phase as it starts
	 * @return the number of campaign parts planned
	 */
	public int plan(long jobInstanceId, int maxDevicesPerCampaign, Consumer<String> phase) {
		return plan(jobInstanceId, maxDevicesPerCampaign, RolloutPolicy.NONE, false, phase);
	}

	/**
	 * Plans the campaign parts, and with a rollout policy each campaign's waves, recording the policy in the ledger
	 * ({@code campaign_rollout}) in the same transaction.
	 *
	 * @param dryRun a dry run's waves are shown, never released
	 * @return the number of campaign parts planned
	 */
	public int plan(long jobInstanceId, int maxDevicesPerCampaign, RolloutPolicy rollout, boolean dryRun,
			Consumer<String> phase) {
		StagedInstance staged = this.store.require(jobInstanceId);
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> batch = new ArrayList<>();
		String insert = rollout.isNone() ? INSERT : INSERT_WAVE;
		int[] planned = { 0 };
		try (staged) {
			new StagedGrouping(staged).group(maxDevicesPerCampaign, rollout, campaign -> {
				batch.add(rollout.isNone() ? row(jobInstanceId, campaign, now) : waveRow(jobInstanceId, campaign, now));
				planned[0]++;
				if (batch.size() >= BATCH) {
					flush(insert, batch);
				}
			}, phase);
		}
		catch (SQLException ex) {
			throw new StagingException("grouping failed in the staging file: " + ex.getMessage(), ex);
		}
		flush(insert, batch);
		if (!rollout.isNone()) {
			this.jdbc.update(INSERT_ROLLOUT, jobInstanceId, rollout.parameter(), dryRun, now);
		}
		return planned[0];
	}

	private void flush(String insert, List<Object[]> batch) {
		if (!batch.isEmpty()) {
			this.jdbc.batchUpdate(insert, batch);
			batch.clear();
		}
	}

	private static Object[] waveRow(long jobInstanceId, PlannedCampaign c, Timestamp now) {
		PlannedCampaign.Wave wave = c.wave();
		Object[] row = row(jobInstanceId, c, now);
		row[4] = CampaignNames.wave(c.name(), wave.waveNo(), wave.waveCount(), wave.partNo(), wave.partCount());
		Object[] withWave = Arrays.copyOf(row, row.length + 3);
		withWave[row.length] = wave.waveNo();
		withWave[row.length + 1] = wave.waveCount();
		withWave[row.length + 2] = wave.waveNo() == 1 ? "PLANNED" : "HELD";
		return withWave;
	}

	private static Object[] row(long jobInstanceId, PlannedCampaign c, Timestamp now) {
		return new Object[] { jobInstanceId, c.campaignKey(), c.partNo(), c.partCount(),
				CampaignNames.part(c.name(), c.partNo(), c.partCount()), c.account(), c.fileName(), c.fileVersion(),
				c.distributionType(), date(c.startDate()), date(c.endDate()), date(c.downloadAfterDate()),
				date(c.installAfterDate()), c.downloadWindows(), c.installWindows(), c.scheduleSignature(), c.firstRowNo(),
				c.deviceCount(), now, c.imeis() };
	}

	private static Date date(LocalDate date) {
		return date == null ? null : Date.valueOf(date);
	}
}
