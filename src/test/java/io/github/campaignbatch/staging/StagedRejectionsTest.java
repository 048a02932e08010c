package io.github.campaignbatch.staging;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.staging.StagedRejections.TakenOutDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.campaignbatch.staging.StagedFiles.entries;
import static io.github.campaignbatch.staging.StagedFiles.message;
import static io.github.campaignbatch.staging.StagedFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** The pre-flight step's part of a staging file ({@link StagedRejections}), on a real DuckDB file. */
class StagedRejectionsTest {

	private static final String A = "353456789012348";

	private static final String B = "353456789012355";

	@TempDir
	Path work;

	@Test
	void aDeviceTakenOutOfItsPartBecomesRejectedWithItsCodeAndMessageAndRepeatingItChangesNothing() throws SQLException {
		try (StagedInstance staged = StagedFiles.fresh(this.work)) {
			String key = stageAndGroup(staged, rows(Map.of(Column.IMEI, A + ";" + B), Map.of(Column.IMEI, A)));
			List<TakenOutDevice> takenOut = List.of(new TakenOutDevice(key, 1, B, "ALREADY_IN_ACTIVE_CAMPAIGN",
					"device is already in active campaign 'x'"));

			new StagedRejections(staged).rejectDevices(takenOut);
			new StagedRejections(staged).rejectDevices(takenOut);

			assertThat(entries(staged)).containsExactly("2/1 " + A + " VALID - part 1",
					"2/2 " + B + " REJECTED ALREADY_IN_ACTIVE_CAMPAIGN part 1", "3/1 " + A + " DUPLICATE DUPLICATE_DEVICE part 1");
			assertThat(messages(staged)).contains("device is already in active campaign 'x'");
		}
	}

	@Test
	void onlyTheValidEntryOfTheDeviceInTheNamedPartIsTakenOut() throws SQLException {
		try (StagedInstance staged = StagedFiles.fresh(this.work)) {
			String key = stageAndGroup(staged, rows(Map.of(Column.IMEI, A), Map.of(Column.IMEI, A), Map.of(Column.IMEI, B)));

			new StagedRejections(staged).rejectDevices(List.of(new TakenOutDevice(key, 1, A, "ALREADY_IN_ACTIVE_CAMPAIGN", "m"),
					new TakenOutDevice(key, 2, B, "ALREADY_IN_ACTIVE_CAMPAIGN", "m"),
					new TakenOutDevice("another campaign", 1, B, "ALREADY_IN_ACTIVE_CAMPAIGN", "m")));

			assertThat(entries(staged)).containsExactly("2/1 " + A + " REJECTED ALREADY_IN_ACTIVE_CAMPAIGN part 1",
					"3/1 " + A + " DUPLICATE DUPLICATE_DEVICE part 1", "4/1 " + B + " VALID - part 1");
			assertThat(message(staged, 3)).contains("row 2");
		}
	}

	/** Stages and groups the rows (one campaign); returns its key. */
	private static String stageAndGroup(StagedInstance staged, List<io.github.campaignbatch.validation.DeviceEntry> input)
			throws SQLException {
		StagedFiles.load(staged, input);
		List<String> keys = new ArrayList<>();
		new StagedGrouping(staged).group(10, campaign -> keys.add(campaign.campaignKey()), phase -> {
		});
		assertThat(keys).hasSize(1);
		return keys.get(0);
	}

	private static List<String> messages(StagedInstance staged) throws SQLException {
		List<String> messages = new ArrayList<>();
		staged.query("SELECT error_message FROM entry WHERE error_message IS NOT NULL ORDER BY row_no, seq",
				row -> messages.add(row.getString(1)));
		return messages;
	}
}
