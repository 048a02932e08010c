package io.github.campaignbatch.campaign;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.staging.DeviceEntryStore;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.support.TestDatabase;
import io.github.campaignbatch.validation.DateParser;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.RowValidator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("database")
class CampaignGrouperTest {

	private static final long JOB = 7;

	private final JdbcTemplate jdbc = TestDatabase.freshTemplate();

	private final RowValidator validator = new RowValidator("acc", LocalDate.parse("2026-01-01"), new DateParser(null),
			"feedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedface");

	private final List<DeviceEntry> staged = new ArrayList<>();

	private long nextRow = 2;

	@Test
	void groupsByAccountFileVersionAndName() {
		stage(Map.of(Column.IMEI, "353456789012348;353456789012355"));
		stage(Map.of(Column.IMEI, "353456789012363"));
		stage(Map.of(Column.IMEI, "353456789012371", Column.FILE_VERSION, "2.0"));

		assertThat(group(10_000)).isEqualTo(2);
		assertThat(this.jdbc.queryForList("SELECT name || ':' || device_count FROM campaign ORDER BY first_row_no", String.class))
			.containsExactly("rollout:3", "rollout:1");
		assertThat(statuses()).containsOnly("VALID");
	}

	@Test
	void rowWithDifferentScheduleConflictsAndNamesTheFirstRow() {
		stage(Map.of(Column.IMEI, "353456789012348"));
		stage(Map.of(Column.IMEI, "353456789012355", Column.END_DATE, "2026-03-30"));

		group(10_000);

		assertThat(outcome(3)).isEqualTo("CONFLICT CONFLICTING_SCHEDULE");
		assertThat(message(3)).contains("differ from row 2").contains("'rollout'");
		assertThat(deviceCount("rollout")).isEqualTo(1);
	}

	@Test
	void repeatedImeiInSameCampaignIsDuplicateAndFirstStaysValid() {
		stage(Map.of(Column.IMEI, "353456789012348"));
		stage(Map.of(Column.IMEI, "353456789012348"));

		group(10_000);

		assertThat(outcome(2)).isEqualTo("VALID null");
		assertThat(outcome(3)).isEqualTo("DUPLICATE DUPLICATE_DEVICE");
		assertThat(message(3)).contains("row 2");
	}

	@Test
	void sameImeiInOverlappingCampaignLosesOnTheLaterRow() {
		stage(Map.of(Column.IMEI, "353456789012348"));
		stage(Map.of(Column.IMEI, "353456789012348", Column.CAMPAIGN_NAME, "other", Column.START_DATE, "2026-03-31",
				Column.END_DATE, "2026-04-30"));
		stage(Map.of(Column.IMEI, "353456789012348", Column.CAMPAIGN_NAME, "later", Column.START_DATE, "2026-05-01",
				Column.END_DATE, "2026-05-30"));

		assertThat(group(10_000)).isEqualTo(2);

		assertThat(outcome(2)).isEqualTo("VALID null");
		assertThat(outcome(3)).isEqualTo("CONFLICT DEVICE_IN_OVERLAPPING_CAMPAIGN");
		assertThat(message(3)).contains("'rollout' (row 2)");
		assertThat(outcome(4)).isEqualTo("VALID null");
	}

	@Test
	void campaignAboveTheLimitIsSplitIntoNamedPartsInRowOrder() {
		stage(Map.of(Column.IMEI, "353456789012348;353456789012355;353456789012363"));
		stage(Map.of(Column.IMEI, "353456789012371;353456789012389"));

		assertThat(group(2)).isEqualTo(3);

		assertThat(this.jdbc.queryForList("SELECT name || ':' || device_count FROM campaign ORDER BY part_no", String.class))
			.containsExactly("rollout-part-1-of-3:2", "rollout-part-2-of-3:2", "rollout-part-3-of-3:1");
		assertThat(this.jdbc.queryForList("SELECT part_no FROM device_entry ORDER BY row_no, seq_in_row", Integer.class))
			.containsExactly(1, 1, 2, 2, 3);
	}

	@Test
	void invalidEntriesJoinNoCampaign() {
		stage(Map.of(Column.IMEI, "123"));

		assertThat(group(10_000)).isZero();
		assertThat(outcome(2)).isEqualTo("INVALID INVALID_IMEI");
	}

	private void stage(Map<Column, String> overrides) {
		Map<Column, String> cells = new EnumMap<>(Column.class);
		cells.put(Column.CAMPAIGN_NAME, "rollout");
		cells.put(Column.FILE_NAME, "fw.bin");
		cells.put(Column.FILE_VERSION, "1.0");
		cells.put(Column.DISTRIBUTION_TYPE, "HTTP");
		cells.put(Column.START_DATE, "2026-03-01");
		cells.put(Column.END_DATE, "2026-03-31");
		cells.putAll(overrides);
		this.staged.addAll(this.validator.validate(new InputRow(this.nextRow++, cells)));
	}

	private int group(int maxDevices) {
		new DeviceEntryStore(this.jdbc).insert(JOB, this.staged);
		return new CampaignGrouper(this.jdbc).group(JOB, maxDevices);
	}

	private List<String> statuses() {
		return this.jdbc.queryForList("SELECT status FROM device_entry", String.class);
	}

	private String outcome(long row) {
		return this.jdbc.queryForObject("SELECT status || ' ' || COALESCE(error_code, 'null') FROM device_entry WHERE row_no = ?",
				String.class, row);
	}

	private String message(long row) {
		return this.jdbc.queryForObject("SELECT error_message FROM device_entry WHERE row_no = ?", String.class, row);
	}

	private int deviceCount(String name) {
		return this.jdbc.queryForObject("SELECT device_count FROM campaign WHERE name = ?", Integer.class, name);
	}
}
