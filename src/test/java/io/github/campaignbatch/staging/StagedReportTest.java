package io.github.campaignbatch.staging;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.staging.StagedReport.AmendedDevice;
import io.github.campaignbatch.staging.StagedReport.DeviceStatus;
import io.github.campaignbatch.staging.StagedReport.LedgerOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.campaignbatch.staging.StagedFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** The report's part of a staging file ({@link StagedReport}), on a real DuckDB file. */
class StagedReportTest {

	private static final String A = "353456789012348";

	private static final String B = "353456789012355";

	private static final String C = "353456789012363";

	private static final String ADDED = "353456789012371";

	@TempDir
	Path work;

	@Test
	void joinsEachDeviceWithItsCampaignsOutcomeItsStatusAtTheVendorAndAmendsChangesInInputOrder() throws SQLException {
		try (StagedInstance staged = StagedFiles.fresh(this.work)) {
			String key = stageAndGroup(staged);
			StagedReport report = new StagedReport(staged);
			LocalDateTime at = LocalDateTime.parse("2026-03-02T10:15:00");
			report.replaceLedger(outcomes -> outcomes.accept(new LedgerOutcome(41, key, 1, "rollout", "SCHEDULED", "r-1",
					"CampaignInProgress", null, null, "acc", "fw.bin", "1.0", null)),
					statuses -> statuses.accept(new DeviceStatus(41, A, "UpgradeSuccess", null, at)),
					amended -> {
						amended.accept(new AmendedDevice(41, B, true, false));
						amended.accept(new AmendedDevice(41, ADDED, false, true));
					});

			assertThat(lines(report)).containsExactly("2 " + A + " VALID SCHEDULED r-1 - UpgradeSuccess 2026-03-02T10:15",
					"2 " + B + " REMOVED SCHEDULED r-1 - - -", "3 123 INVALID - - INVALID_IMEI - -",
					"4 " + A + " DUPLICATE SCHEDULED r-1 DUPLICATE_DEVICE - -", "5 " + C + " VALID SCHEDULED r-1 - - -",
					"0 " + ADDED + " VALID SCHEDULED r-1 - - -");
			List<String> counts = new ArrayList<>();
			report.outcomeCounts(row -> counts.add(row.getString(1) + " " + row.getString(2) + " " + row.getLong(3)));
			assertThat(counts).containsExactlyInAnyOrder("VALID SCHEDULED 3", "REMOVED SCHEDULED 1", "INVALID null 1",
					"DUPLICATE SCHEDULED 1");
			assertThat(rejections(report)).containsExactly("DUPLICATE_DEVICE 1", "INVALID_IMEI 1");
			List<String> turnedAway = new ArrayList<>();
			report.turnedAwayCounts(row -> turnedAway.add(row.getString(1) + " " + row.getLong(2)));
			assertThat(turnedAway).containsExactlyInAnyOrder("INVALID 1", "DUPLICATE 1");
			assertThat(report.rowCount()).isEqualTo(4);
		}
	}

	@Test
	void aNewCopyOfTheLedgerReplacesTheEarlierOne() throws SQLException {
		try (StagedInstance staged = StagedFiles.fresh(this.work)) {
			String key = stageAndGroup(staged);
			StagedReport report = new StagedReport(staged);
			report.replaceLedger(outcomes -> outcomes.accept(new LedgerOutcome(41, key, 1, "rollout", "SUBMITTING", null,
					null, null, null, "acc", "fw.bin", "1.0", null)), statuses -> {
					}, amended -> amended.accept(new AmendedDevice(41, B, true, false)));

			report.replaceLedger(outcomes -> outcomes.accept(new LedgerOutcome(41, key, 1, "rollout", "REJECTED", null, null,
					"INVALID_FILE", "refused", "acc", "fw.bin", "1.0", null)), statuses -> {
					}, amended -> {
					});

			assertThat(lines(report)).contains("2 " + A + " VALID REJECTED - INVALID_FILE - -",
					"2 " + B + " VALID REJECTED - INVALID_FILE - -");
		}
	}

	@Test
	void beforeGroupingEveryDeviceHasItsValidationOutcome() throws SQLException {
		try (StagedInstance staged = StagedFiles.fresh(this.work)) {
			StagedFiles.load(staged, input());
			StagedReport report = new StagedReport(staged);
			report.replaceLedger(outcomes -> {
			}, statuses -> {
			}, amended -> {
			});

			assertThat(lines(report)).containsExactly("2 " + A + " VALID - - - - -", "2 " + B + " VALID - - - - -",
					"3 123 INVALID - - INVALID_IMEI - -", "4 " + A + " VALID - - - - -", "5 " + C + " VALID - - - - -");
			assertThat(rejections(report)).containsExactly("INVALID_IMEI 1");
		}
	}

	private static List<io.github.campaignbatch.validation.DeviceEntry> input() {
		return rows(Map.of(Column.IMEI, A + ";" + B), Map.of(Column.IMEI, "123"), Map.of(Column.IMEI, A),
				Map.of(Column.IMEI, C));
	}

	private static String stageAndGroup(StagedInstance staged) throws SQLException {
		StagedFiles.load(staged, input());
		List<String> keys = new ArrayList<>();
		new StagedGrouping(staged).group(10, campaign -> keys.add(campaign.campaignKey()), phase -> {
		});
		assertThat(keys).hasSize(1);
		return keys.get(0);
	}

	/**
	 * {@code row IMEI status state remoteId errorCode deviceStatus statusAt} per report row; an entry turned away by
	 * grouping shows its campaign's state too (the report's outcome reads the entry's status first), never a vendor status.
	 */
	private static List<String> lines(StagedReport report) throws SQLException {
		List<String> lines = new ArrayList<>();
		report.forEachOutcome(row -> lines.add(row.getLong(1) + " " + row.getString(2) + " " + row.getString(7) + " "
				+ dash(row.getString(8)) + " " + dash(row.getString(9)) + " " + dash(row.getString(10)) + " "
				+ dash(row.getString(13)) + " " + dash(row.getObject(15, LocalDateTime.class))));
		return lines;
	}

	private static List<String> rejections(StagedReport report) throws SQLException {
		List<String> counts = new ArrayList<>();
		report.rejectionsByCode(row -> counts.add(row.getString(1) + " " + row.getLong(2)));
		return counts;
	}

	private static String dash(Object value) {
		return value == null ? "-" : value.toString();
	}
}
