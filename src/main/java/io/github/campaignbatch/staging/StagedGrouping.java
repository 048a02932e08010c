package io.github.campaignbatch.staging;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.github.campaignbatch.campaign.RolloutPolicy;

/**
 * The group step's part of a staging file: runs the grouping rules ({@link GroupingSql}) in DuckDB over the whole
 * input, writes the table {@code entry} (each device's outcome and campaign part) and streams the planned campaign
 * parts with their device lists to the ledger's writer ({@link CampaignPlanning}).
 */
public final class StagedGrouping {

	/** Devices per batch of device lists: their tagged lists are held at once, in DuckDB and here (about 30 MB). */
	static final long BATCH_DEVICES = 1_000_000;

	/** Campaign parts per batch of device lists. */
	private static final int BATCH_PARTS = 10_000;

	private final StagedInstance staged;

	private final long batchDevices;

	public StagedGrouping(StagedInstance staged) {
		this(staged, BATCH_DEVICES);
	}

	/** With smaller batches of device lists, for the tests. */
	StagedGrouping(StagedInstance staged, long batchDevices) {
		this.staged = staged;
		this.batchDevices = batchDevices;
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
			statement.execute(GroupingSql.CAMPAIGN_NUMBERS);
			statement.execute(GroupingSql.DEFINITION_DEVICES);
			statement.execute(GroupingSql.FIRST_ROWS);
			phase.accept("conflicting schedules");
			statement.execute(GroupingSql.SCHEDULES);
			statement.execute(GroupingSql.MARKED);
			phase.accept("duplicate devices");
			statement.execute(GroupingSql.SHARED);
			statement.execute(GroupingSql.DUPLICATES);
			phase.accept("devices in overlapping campaigns");
			statement.execute(GroupingSql.OVERLAPPING);
			statement.execute(GroupingSql.DEVICE_COUNTS);
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
			// entry is written once and read by the report: compressing its million distinct IMEIs took about as
			// long as writing it, for a file that lives until the report is written
			statement.execute("SET force_compression = 'uncompressed'");
			try {
				statement.execute(GroupingSql.ENTRY);
			}
			finally {
				statement.execute("RESET force_compression");
			}
			statement.execute(GroupingSql.PLANNED);
			phase.accept(CampaignPlanning.LEDGER_PHASE);
			for (long[] range : batchesOfParts()) {
				plan(range[0], range[1], campaigns);
			}
			statement.execute(GroupingSql.DROP_WORK_TABLES);
		}
	}

	/**
	 * Ranges of part keys of at most {@link #BATCH_DEVICES} devices (or one part) and {@link #BATCH_PARTS} parts,
	 * which together cover every key, so that a device of a part that was not planned falls in one of them.
	 */
	private List<long[]> batchesOfParts() throws SQLException {
		List<long[]> batches = new ArrayList<>();
		long[] from = { Long.MIN_VALUE };
		long[] lastKey = { Long.MIN_VALUE };
		long[] devices = { 0 };
		int[] parts = { 0 };
		this.staged.query(GroupingSql.PART_SIZES, row -> {
			long key = row.getLong(1);
			long count = row.getLong(2);
			if (parts[0] > 0 && (devices[0] + count > this.batchDevices || parts[0] >= BATCH_PARTS)) {
				batches.add(new long[] { from[0], lastKey[0] });
				from[0] = lastKey[0] + 1;
				devices[0] = 0;
				parts[0] = 0;
			}
			devices[0] += count;
			parts[0]++;
			lastKey[0] = key;
		});
		batches.add(new long[] { from[0], Long.MAX_VALUE });
		return batches;
	}

	/**
	 * Plans the parts whose keys are in {@code [from, to]}: each part's device list is read from {@code entry} and
	 * must hold exactly the devices the part counts, and every list must belong to a planned part; otherwise the
	 * grouping is inconsistent and nothing is planned.
	 */
	private void plan(long from, long to, Consumer<PlannedCampaign> campaigns) throws SQLException {
		List<PartList> tagged = new ArrayList<>();
		try (PreparedStatement lists = this.staged.connection().prepareStatement(GroupingSql.PART_DEVICES)) {
			lists.setLong(1, from >> 32);
			lists.setLong(2, to >> 32);
			lists.setLong(3, from);
			lists.setLong(4, to);
			try (ResultSet rows = lists.executeQuery()) {
				while (rows.next()) {
					tagged.add(new PartList(rows.getLong(1), rows.getInt(2), rows.getString(3)));
				}
			}
		}
		// DuckDB is idle meanwhile: the lists are put in order on every core
		Map<Long, PartList> lists = tagged.parallelStream()
			.map(list -> new PartList(list.partKey(), list.devices(), inInputOrder(list.imeis(), list.devices())))
			.collect(Collectors.toMap(PartList::partKey, list -> list));
		tagged.clear();
		try (PreparedStatement parts = this.staged.connection().prepareStatement(GroupingSql.CAMPAIGNS)) {
			parts.setLong(1, from);
			parts.setLong(2, to);
			try (ResultSet rows = parts.executeQuery()) {
				while (rows.next()) {
					String campaignKey = rows.getString("campaign_key");
					int partNo = rows.getInt("part_no");
					int deviceCount = rows.getInt("device_count");
					PartList list = lists.remove(rows.getLong("part_key"));
					if (list == null || list.imeis() == null || list.devices() != deviceCount) {
						throw new SQLException("grouping is inconsistent: campaign part " + campaignKey + "/" + partNo
								+ " counts " + deviceCount + " devices but its device list differs");
					}
					campaigns.accept(new PlannedCampaign(campaignKey, partNo, rows.getInt("part_count"),
							rows.getString("campaign_name"), rows.getString("account"), rows.getString("file_name"),
							rows.getString("file_version"), rows.getString("distribution_type"),
							rows.getObject("start_date", LocalDate.class), rows.getObject("end_date", LocalDate.class),
							rows.getObject("download_after_date", LocalDate.class),
							rows.getObject("install_after_date", LocalDate.class), rows.getString("download_windows"),
							rows.getString("install_windows"), rows.getString("schedule_sig"), rows.getLong("first_row_no"),
							deviceCount, list.imeis(), wave(rows)));
				}
			}
		}
		if (!lists.isEmpty()) {
			throw new SQLException("grouping is inconsistent: a device is in no planned campaign part");
		}
	}

	/** A part's device list as DuckDB counted it, tagged or in order. */
	private record PartList(long partKey, int devices, String imeis) {
	}

	/**
	 * A part's IMEIs in input order, comma-separated, from its list of {@code place:imei} in any order (see
	 * {@link GroupingSql#PART_DEVICES}), or {@code null} unless it holds {@code devices} of them, each at a place of its
	 * own. Works on the characters directly: a million devices pass here.
	 */
	static String inInputOrder(String tagged, int devices) {
		char[] text = tagged.toCharArray();
		long[] places = new long[devices];
		int[] starts = new int[devices];
		int[] ends = new int[devices];
		int count = 0;
		boolean ordered = true;
		int i = 0;
		while (i < text.length) {
			long place = 0;
			while (i < text.length && text[i] != ':') {
				place = place * 10 + (text[i++] - '0');
			}
			if (i == text.length || count == devices) {
				return null;
			}
			starts[count] = ++i;
			while (i < text.length && text[i] != ',') {
				i++;
			}
			ends[count] = i++;
			places[count] = place;
			ordered &= count == 0 || place > places[count - 1];
			count++;
		}
		if (count != devices) {
			return null;
		}
		int[] order = new int[count];
		if (ordered) {
			Arrays.setAll(order, k -> k);
		}
		else {
			long[] sorted = places.clone();
			Arrays.sort(sorted);
			for (int k = 1; k < count; k++) {
				if (sorted[k] == sorted[k - 1]) {
					return null;
				}
			}
			for (int k = 0; k < count; k++) {
				order[Arrays.binarySearch(sorted, places[k])] = k;
			}
		}
		char[] imeis = new char[Math.max(0, text.length - count)];
		int length = 0;
		for (int k = 0; k < count; k++) {
			if (k > 0) {
				imeis[length++] = ',';
			}
			int from = starts[order[k]];
			int size = ends[order[k]] - from;
			System.arraycopy(text, from, imeis, length, size);
			length += size;
		}
		return new String(imeis, 0, length);
	}

	/** Each campaign's waves, from its device count, into {@code g_waves}. */
	private void planWaves(RolloutPolicy rollout, int maxDevicesPerCampaign) throws SQLException {
		List<Object[]> waves = new ArrayList<>();
		this.staged.query(GroupingSql.DEVICES_PER_CAMPAIGN, row -> {
			int campaignNo = row.getInt(1);
			List<Integer> sizes = rollout.waveSizes(row.getInt(2));
			long after = 0;
			int firstPart = 1;
			for (int i = 0; i < sizes.size(); i++) {
				int parts = (sizes.get(i) + maxDevicesPerCampaign - 1) / maxDevicesPerCampaign;
				waves.add(new Object[] { campaignNo, i + 1, sizes.size(), after, after + sizes.get(i), firstPart, parts });
				after += sizes.get(i);
				firstPart += parts;
			}
		});
		this.staged.<Object[]>appendAll("g_waves", waves::forEach, (row, wave) -> row.append((int) wave[0])
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

}
