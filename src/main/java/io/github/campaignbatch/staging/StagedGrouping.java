package io.github.campaignbatch.staging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.campaignbatch.campaign.RolloutPolicy;
import org.duckdb.DuckDBConnection;

/**
 * The group step's part of a staging file: runs the grouping rules ({@link GroupingSql}) in DuckDB over the whole
 * input, writes the table {@code entry} (each device's outcome and campaign part) and streams the planned campaign
 * parts with their device lists to the ledger's writer ({@link CampaignPlanning}).
 */
public final class StagedGrouping {

	private final StagedInstance staged;

	public StagedGrouping(StagedInstance staged) {
		this.staged = staged;
	}

	/**
	 * Groups the staged devices (the rules are listed in {@link StagingStore}); the result replaces any earlier
	 * grouping, so a grouping interrupted by a crash is simply done again. Devices still being
	 * appended to the same file ({@link StagedLoad}) must be committed first.
	 *
	 * @param campaigns receives each campaign part to plan, in no particular order
	 * @param phase receives the name of each phase as it starts, for progress lines
	 */
	public void group(int maxDevicesPerCampaign, Consumer<PlannedCampaign> campaigns, Consumer<String> phase)
			throws SQLException {
		group(maxDevicesPerCampaign, RolloutPolicy.NONE, campaigns, phase);
	}

	/**
	 * Groups as {@link #group(int, Consumer, Consumer)} does and, with a rollout policy, splits each campaign into its
	 * waves first (its devices in input order), then each wave into parts.
	 */
	public void group(int maxDevicesPerCampaign, RolloutPolicy rollout, Consumer<PlannedCampaign> campaigns,
			Consumer<String> phase) throws SQLException {
		if (maxDevicesPerCampaign < 1) {
			throw new IllegalArgumentException("maxDevicesPerCampaign must be at least 1");
		}
		try (Statement statement = this.staged.connection().createStatement()) {
			phase.accept("first row of each campaign");
			statement.execute(GroupingSql.VALID);
			statement.execute(GroupingSql.FIRST_ROWS);
			phase.accept("conflicting schedules");
			statement.execute(GroupingSql.MARKED);
			phase.accept("duplicate devices");
			statement.execute(GroupingSql.DUPLICATES);
			phase.accept("devices in overlapping campaigns");
			statement.execute(GroupingSql.OVERLAPPING);
			statement.execute(GroupingSql.WAVES);
			if (rollout.isNone()) {
				phase.accept("splitting campaigns above " + maxDevicesPerCampaign + " devices");
				statement.execute(GroupingSql.parted(maxDevicesPerCampaign));
			}
			else {
				phase.accept("planning waves (" + rollout.describe() + ") and splitting them above "
						+ maxDevicesPerCampaign + " devices");
				planWaves(rollout, maxDevicesPerCampaign);
				statement.execute(GroupingSql.waved(maxDevicesPerCampaign));
			}
			statement.execute(GroupingSql.ENTRY);
			statement.execute(GroupingSql.PLANNED);
			phase.accept(CampaignPlanning.LEDGER_PHASE);
			// two streams in the same order, on two connections (a DuckDB connection streams one result at a time)
			try (DuckDBConnection devicesConnection = (DuckDBConnection) this.staged.connection().duplicate();
					Statement devicesStatement = devicesConnection.createStatement();
					ResultSet devices = devicesStatement.executeQuery(GroupingSql.PART_DEVICES);
					ResultSet rows = statement.executeQuery(GroupingSql.CAMPAIGNS)) {
				while (rows.next()) {
					String campaignKey = rows.getString("campaign_key");
					int partNo = rows.getInt("part_no");
					int deviceCount = rows.getInt("device_count");
					// the part's devices are the next deviceCount rows: only its first and last are checked against
					// the part (a key read per device would be a String per device, millions on a large input)
					StringBuilder imeis = new StringBuilder(deviceCount * 16);
					for (int i = 0; i < deviceCount; i++) {
						if (!devices.next() || ((i == 0 || i == deviceCount - 1) && !isOfPart(devices, campaignKey, partNo))) {
							throw new SQLException("grouping is inconsistent: campaign part " + campaignKey + "/" + partNo
									+ " counts " + deviceCount + " devices but its device list differs");
						}
						if (i > 0) {
							imeis.append(',');
						}
						imeis.append(devices.getString(3));
					}
					campaigns.accept(new PlannedCampaign(campaignKey, partNo,
							rows.getInt("part_count"), rows.getString("campaign_name"), rows.getString("account"),
							rows.getString("file_name"), rows.getString("file_version"), rows.getString("distribution_type"),
							rows.getObject("start_date", LocalDate.class), rows.getObject("end_date", LocalDate.class),
							rows.getObject("download_after_date", LocalDate.class),
							rows.getObject("install_after_date", LocalDate.class), rows.getString("download_windows"),
							rows.getString("install_windows"), rows.getString("schedule_sig"), rows.getLong("first_row_no"),
							deviceCount, imeis.toString(), wave(rows)));
				}
				if (devices.next()) {
					throw new SQLException("grouping is inconsistent: a device is in no planned campaign part");
				}
			}
			statement.execute(GroupingSql.DROP_WORK_TABLES);
		}
	}

	/** Each campaign's waves, from its device count, into {@code g_waves}. */
	private void planWaves(RolloutPolicy rollout, int maxDevicesPerCampaign) throws SQLException {
		List<Object[]> waves = new ArrayList<>();
		this.staged.query(GroupingSql.DEVICES_PER_CAMPAIGN, row -> {
			String campaignKey = row.getString(1);
			List<Integer> sizes = rollout.waveSizes(row.getInt(2));
			long after = 0;
			int firstPart = 1;
			for (int i = 0; i < sizes.size(); i++) {
				int parts = (sizes.get(i) + maxDevicesPerCampaign - 1) / maxDevicesPerCampaign;
				waves.add(new Object[] { campaignKey, i + 1, sizes.size(), after, after + sizes.get(i), firstPart, parts });
				after += sizes.get(i);
				firstPart += parts;
			}
		});
		this.staged.<Object[]>appendAll("g_waves", waves::forEach, (row, wave) -> row.append((String) wave[0])
			.append((int) wave[1])
			.append((int) wave[2])
			.append((long) wave[3])
			.append((long) wave[4])
			.append((int) wave[5])
			.append((int) wave[6]));
	}

	/** The part's wave, or {@code null} outside a rollout. */
	private static PlannedCampaign.Wave wave(ResultSet rows) throws SQLException {
		int waveNo = rows.getInt("wave_no");
		if (rows.wasNull()) {
			return null;
		}
		return new PlannedCampaign.Wave(waveNo, rows.getInt("wave_count"), rows.getInt("part_in_wave"),
				rows.getInt("wave_parts"));
	}

	private static boolean isOfPart(ResultSet device, String campaignKey, int partNo) throws SQLException {
		return device.getInt(2) == partNo && campaignKey.equals(device.getString(1));
	}
}
