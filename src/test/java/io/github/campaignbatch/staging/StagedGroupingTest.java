package io.github.campaignbatch.staging;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.campaign.RolloutPolicy;
import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.support.TestDatabase;
import io.github.campaignbatch.validation.DeviceEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.github.campaignbatch.staging.StagedFiles.entries;
import static io.github.campaignbatch.staging.StagedFiles.message;
import static io.github.campaignbatch.staging.StagedFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The grouping rules (listed in {@link GroupingSql}) as they ship: the group step's SQL run by {@link StagedGrouping}
 * on a real staging file, each rule on the smallest input that shows it, and the rules' order (each sees only the
 * devices the rules before it left valid).
 */
class StagedGroupingTest {

	private static final String A = "353456789012348";

	private static final String B = "353456789012355";

	private static final String C = "353456789012363";

	private static final String D = "353456789012371";

	private static final String E = "353456789012389";

	@TempDir
	Path work;

	private StagedInstance staged;

	private final List<PlannedCampaign> planned = new ArrayList<>();

	@BeforeEach
	void openFile() throws SQLException {
		this.staged = StagedFiles.fresh(this.work);
	}

	@AfterEach
	void closeFile() throws SQLException {
		this.staged.close();
	}

	@Test
	void groupsByAccountFileVersionAndName() throws SQLException {
		group(10_000, rows(Map.of(Column.IMEI, A + ";" + B), Map.of(Column.IMEI, C),
				Map.of(Column.IMEI, D, Column.FILE_VERSION, "2.0"), Map.of(Column.IMEI, E, Column.ACCOUNT, "other")));

		assertThat(campaigns()).containsExactly("rollout 1/1 first 2: " + A + "," + B + "," + C,
				"rollout 1/1 first 4: " + D, "rollout 1/1 first 5: " + E);
		assertThat(entries(this.staged)).allMatch(entry -> entry.contains(" VALID - part 1"));
	}

	@Test
	void aRowWithAnotherScheduleConflictsAndNamesTheFirstRow() throws SQLException {
		group(10_000, rows(Map.of(Column.IMEI, A), Map.of(Column.IMEI, B, Column.END_DATE, "2026-03-30")));

		assertThat(entries(this.staged)).containsExactly("2/1 " + A + " VALID - part 1",
				"3/1 " + B + " CONFLICT CONFLICTING_SCHEDULE part 1");
		assertThat(message(this.staged, 3)).contains("differ from row 2").contains("'rollout'");
		assertThat(campaigns()).containsExactly("rollout 1/1 first 2: " + A);
	}

	@Test
	void theScheduleIsTheFirstValidRowsNotTheFirstRowsOfTheCampaign() throws SQLException {
		// row 2 is invalid (its IMEI), so row 3 sets the schedule, and row 4, with row 2's schedule, conflicts
		group(10_000, rows(Map.of(Column.IMEI, "123", Column.END_DATE, "2026-03-30"), Map.of(Column.IMEI, A),
				Map.of(Column.IMEI, B, Column.END_DATE, "2026-03-30")));

		assertThat(entries(this.staged)).containsExactly("2/1 123 INVALID INVALID_IMEI part 1", "3/1 " + A + " VALID - part 1",
				"4/1 " + B + " CONFLICT CONFLICTING_SCHEDULE part 1");
		assertThat(message(this.staged, 4)).contains("differ from row 3");
		assertThat(this.planned).singleElement().satisfies(campaign -> {
			assertThat(campaign.endDate()).hasToString("2026-03-31");
			assertThat(campaign.firstRowNo()).isEqualTo(3);
		});
	}

	@Test
	void anImeiRepeatedInItsCampaignIsADuplicateAndItsFirstOccurrenceStaysValid() throws SQLException {
		group(10_000, rows(Map.of(Column.IMEI, A), Map.of(Column.IMEI, B + ";" + A), Map.of(Column.IMEI, A)));

		assertThat(entries(this.staged)).containsExactly("2/1 " + A + " VALID - part 1", "3/1 " + B + " VALID - part 1",
				"3/2 " + A + " DUPLICATE DUPLICATE_DEVICE part 1", "4/1 " + A + " DUPLICATE DUPLICATE_DEVICE part 1");
		assertThat(message(this.staged, 4)).contains("row 2");
		assertThat(campaigns()).containsExactly("rollout 1/1 first 2: " + A + "," + B);
	}

	@Test
	void anImeiInACampaignWhoseDatesOverlapAnEarlierRowsLosesOnTheLaterRow() throws SQLException {
		group(10_000, rows(Map.of(Column.IMEI, A),
				Map.of(Column.IMEI, A, Column.CAMPAIGN_NAME, "other", Column.START_DATE, "2026-03-31", Column.END_DATE,
						"2026-04-30"),
				Map.of(Column.IMEI, A, Column.CAMPAIGN_NAME, "later", Column.START_DATE, "2026-05-01", Column.END_DATE,
						"2026-05-30")));

		assertThat(entries(this.staged)).containsExactly("2/1 " + A + " VALID - part 1",
				"3/1 " + A + " CONFLICT DEVICE_IN_OVERLAPPING_CAMPAIGN part 1", "4/1 " + A + " VALID - part 1");
		assertThat(message(this.staged, 3)).contains("'rollout' (row 2)");
		assertThat(campaigns()).containsExactly("later 1/1 first 4: " + A, "rollout 1/1 first 2: " + A);
	}

	@Test
	void aRowTakenOutForItsScheduleMakesNoDuplicateOfTheSameDeviceLater() throws SQLException {
		// row 3 conflicts on its schedule, so row 4, the same device in the same campaign, is its first valid occurrence
		group(10_000, rows(Map.of(Column.IMEI, A), Map.of(Column.IMEI, B, Column.END_DATE, "2026-03-30"),
				Map.of(Column.IMEI, B)));

		assertThat(entries(this.staged)).containsExactly("2/1 " + A + " VALID - part 1",
				"3/1 " + B + " CONFLICT CONFLICTING_SCHEDULE part 1", "4/1 " + B + " VALID - part 1");
		assertThat(campaigns()).containsExactly("rollout 1/1 first 2: " + A + "," + B);
	}

	@Test
	void aDuplicateDoesNotPutItsDeviceInAnOverlappingCampaign() throws SQLException {
		// row 3 is a duplicate of row 2: the overlap of row 4 is with row 2, the earliest valid row of that device
		group(10_000, rows(Map.of(Column.IMEI, A), Map.of(Column.IMEI, A),
				Map.of(Column.IMEI, A, Column.CAMPAIGN_NAME, "other")));

		assertThat(entries(this.staged)).containsExactly("2/1 " + A + " VALID - part 1",
				"3/1 " + A + " DUPLICATE DUPLICATE_DEVICE part 1", "4/1 " + A + " CONFLICT DEVICE_IN_OVERLAPPING_CAMPAIGN part 1");
		assertThat(message(this.staged, 4)).contains("(row 2)");
	}

	@Test
	void aCampaignAboveTheLimitIsSplitIntoPartsInRowOrderEachStartingAtItsOwnFirstRow() throws SQLException {
		group(2, rows(Map.of(Column.IMEI, A + ";" + B + ";" + C), Map.of(Column.IMEI, D + ";" + E)));

		assertThat(campaigns()).containsExactly("rollout 1/3 first 2: " + A + "," + B, "rollout 2/3 first 2: " + C + "," + D,
				"rollout 3/3 first 3: " + E);
		assertThat(entries(this.staged)).extracting(entry -> entry.substring(entry.lastIndexOf(' ') + 1))
			.containsExactly("1", "1", "2", "2", "3");
	}

	@Test
	void theLedgerNamesEachPartOfASplitCampaignAndCountsItsDevices() throws SQLException {
		JdbcTemplate jdbc = TestDatabase.freshTemplate();
		StagingStore store = TestStaging.store(jdbc, this.work.resolve("store"));

		int parts = TestStaging.stageAndGroup(store, jdbc, StagedFiles.JOB,
				rows(Map.of(Column.IMEI, A + ";" + B + ";" + C), Map.of(Column.IMEI, D + ";" + E)), 2);

		assertThat(parts).isEqualTo(3);
		assertThat(jdbc.queryForList("SELECT name || ':' || device_count || ':' || imeis FROM campaign ORDER BY part_no",
				String.class))
			.containsExactly("rollout-part-1-of-3:2:" + A + "," + B, "rollout-part-2-of-3:2:" + C + "," + D,
					"rollout-part-3-of-3:1:" + E);
	}

	@Test
	void aCampaignOfExactlyTheLimitIsOnePart() throws SQLException {
		group(2, rows(Map.of(Column.IMEI, A), Map.of(Column.IMEI, B)));

		assertThat(campaigns()).containsExactly("rollout 1/1 first 2: " + A + "," + B);
	}

	@Test
	void invalidEntriesJoinNoCampaign() throws SQLException {
		group(10_000, rows(Map.of(Column.IMEI, "123")));

		assertThat(this.planned).isEmpty();
		assertThat(entries(this.staged)).containsExactly("2/1 123 INVALID INVALID_IMEI part 1");
	}

	@Test
	void inARolloutEachWaveIsSplitOnItsOwnAndPartsAreNumberedAcrossTheWaves() throws SQLException {
		// pilot 1, then everyone: waves of 1 and 4 devices, the second split in parts of 3 and 1
		group(3, RolloutPolicy.of(1, null, null), rows(Map.of(Column.IMEI, A + ";" + B), Map.of(Column.IMEI, C + ";" + D),
				Map.of(Column.IMEI, E)));

		assertThat(campaigns()).containsExactly("rollout 1/3 first 2 wave 1/2 part 1/1: " + A,
				"rollout 2/3 first 2 wave 2/2 part 1/2: " + B + "," + C + "," + D, "rollout 3/3 first 4 wave 2/2 part 2/2: " + E);
		assertThat(entries(this.staged)).extracting(entry -> entry.substring(entry.lastIndexOf(' ') + 1))
			.containsExactly("1", "2", "2", "2", "3");
	}

	@Test
	void groupingAgainReplacesTheEarlierGrouping() throws SQLException {
		List<DeviceEntry> input = rows(Map.of(Column.IMEI, A + ";" + B + ";" + C), Map.of(Column.IMEI, A));
		group(2, input);
		List<String> first = entries(this.staged);
		List<String> firstCampaigns = campaigns();
		this.planned.clear();

		new StagedGrouping(this.staged).group(2, this.planned::add, phase -> {
		});

		assertThat(entries(this.staged)).isEqualTo(first).hasSize(4);
		assertThat(campaigns()).isEqualTo(firstCampaigns);
	}

	@Test
	void deviceListsReadInBatchesOfOneDeviceGiveTheSamePlan() throws SQLException {
		List<DeviceEntry> input = rows(Map.of(Column.IMEI, A + ";" + B + ";" + C), Map.of(Column.IMEI, D),
				Map.of(Column.IMEI, E, Column.FILE_VERSION, "2.0"), Map.of(Column.IMEI, B, Column.ACCOUNT, "other"));
		group(2, input);
		List<String> inOneBatch = campaigns();
		this.planned.clear();

		new StagedGrouping(this.staged, 1).group(2, this.planned::add, phase -> {
		});

		assertThat(campaigns()).isEqualTo(inOneBatch).hasSize(3);
	}

	@Test
	void aPartsDeviceListIsPutInInputOrderAndMustHoldExactlyItsDevices() {
		long row2 = 2L << 32;
		long row3 = 3L << 32;
		String tagged = (row3 + 1) + ":" + C + "," + (row2 + 2) + ":" + B + "," + (row2 + 1) + ":" + A;

		assertThat(StagedGrouping.inInputOrder(tagged, 3)).isEqualTo(A + "," + B + "," + C);
		assertThat(StagedGrouping.inInputOrder(tagged, 2)).isNull();
		assertThat(StagedGrouping.inInputOrder(tagged, 4)).isNull();
		assertThat(StagedGrouping.inInputOrder((row2 + 1) + ":" + A + "," + (row2 + 1) + ":" + B, 2)).isNull();
	}

	@Test
	void aLimitBelowOneIsRefused() {
		assertThatThrownBy(() -> new StagedGrouping(this.staged).group(0, this.planned::add, phase -> {
		})).isInstanceOf(IllegalArgumentException.class);
	}

	private void group(int maxDevices, List<DeviceEntry> input) throws SQLException {
		group(maxDevices, RolloutPolicy.NONE, input);
	}

	private void group(int maxDevices, RolloutPolicy rollout, List<DeviceEntry> input) throws SQLException {
		StagedFiles.load(this.staged, input);
		List<String> phases = new ArrayList<>();
		new StagedGrouping(this.staged).group(maxDevices, rollout, this.planned::add, phases::add);
		assertThat(phases).contains(CampaignPlanning.LEDGER_PHASE);
	}

	/** Each planned part: {@code name part/parts first ROW [wave W/N part P/Q]: IMEIs}, by campaign key and part. */
	private List<String> campaigns() {
		return this.planned.stream().map(campaign -> {
			String wave = campaign.wave() == null ? "" : " wave " + campaign.wave().waveNo() + "/" + campaign.wave().waveCount()
					+ " part " + campaign.wave().partNo() + "/" + campaign.wave().partCount();
			return campaign.name() + " " + campaign.partNo() + "/" + campaign.partCount() + " first " + campaign.firstRowNo()
					+ wave + ": " + campaign.imeis();
		}).sorted().toList();
	}
}
