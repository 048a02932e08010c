package io.github.campaignbatch.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.github.campaignbatch.campaign.CampaignGrouper;
import io.github.campaignbatch.staging.DeviceEntryStore;
import io.github.campaignbatch.staging.StagedInstance;
import io.github.campaignbatch.staging.StagingStore;
import io.github.campaignbatch.staging.TestStaging;
import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.support.TestDatabase;
import io.github.campaignbatch.validation.DateParser;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.RowValidator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grouping in the DuckDB staging files groups exactly as the grouping of earlier releases in the job database
 * ({@link CampaignGrouper}, which the benchmark work had in turn proven equal to the window-function version of the
 * first release), on random inputs full of the cases the rules are about: repeated IMEIs, overlapping
 * campaigns, conflicting schedules, invalid rows and IMEIs, multi-IMEI cells and campaigns above the device
 * limit. Every device's outcome, message and campaign part, and every planned campaign, are compared.
 */
@Tag("database")
class GrouperEquivalenceTest {

	private static final long JOB = 11;

	private static final String[] IMEIS = { "353456789012348", "353456789012355", "353456789012363", "353456789012371",
			"353456789012389", "353456789012397", "353456789012405", "353456789012413", "353456789012421", "353456789012439",
			"353456789012447", "353456789012454", "12345", "353456789012340" };

	private final RowValidator validator = new RowValidator("acc", LocalDate.parse("2026-01-01"), new DateParser(null),
			"feedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedface");

	@TempDir
	Path work;

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8 })
	void groupsAsTheJobDatabaseVersion(long seed) throws Exception {
		List<DeviceEntry> entries = randomEntries(new SplittableRandom(seed), 400);
		int limit = (int) (seed % 4) + 2;

		JdbcTemplate before = TestDatabase.freshTemplate();
		new DeviceEntryStore(before).insert(JOB, entries);
		int expected = new CampaignGrouper(before).group(JOB, limit);

		JdbcTemplate after = TestDatabase.freshTemplate();
		StagingStore store = TestStaging.store(after, this.work.resolve("staging"));
		int actual = TestStaging.stageAndGroup(store, after, JOB, entries, limit);

		assertThat(actual).isEqualTo(expected);
		assertThat(stagedEntries(store)).containsExactlyElementsOf(entries(before));
		assertThat(campaigns(after)).containsExactlyElementsOf(campaigns(before));
		assertThat(deviceLists(after)).containsExactlyElementsOf(deviceLists(before));
		assertThat(campaigns(before)).anyMatch((campaign) -> campaign.contains("-part-2-of-"));
		assertThat(entries(before)).anyMatch((entry) -> entry.contains("DUPLICATE_DEVICE"))
			.anyMatch((entry) -> entry.contains("DEVICE_IN_OVERLAPPING_CAMPAIGN"))
			.anyMatch((entry) -> entry.contains("CONFLICTING_SCHEDULE"));
	}

	private List<DeviceEntry> randomEntries(SplittableRandom random, int rows) {
		List<DeviceEntry> entries = new ArrayList<>();
		for (long row = 2; row < rows + 2; row++) {
			Map<Column, String> cells = new EnumMap<>(Column.class);
			cells.put(Column.CAMPAIGN_NAME, "c" + random.nextInt(6));
			cells.put(Column.FILE_NAME, "fw.bin");
			cells.put(Column.FILE_VERSION, random.nextInt(10) == 0 ? "2.0" : "1.0");
			cells.put(Column.DISTRIBUTION_TYPE, random.nextInt(20) == 0 ? "OMA" : "HTTP");
			int month = 3 + random.nextInt(3);
			cells.put(Column.START_DATE, "2026-0" + month + "-01");
			cells.put(Column.END_DATE, random.nextInt(25) == 0 ? "2025-01-01" : "2026-0" + month + "-2" + random.nextInt(2));
			StringBuilder imeis = new StringBuilder(IMEIS[random.nextInt(IMEIS.length)]);
			for (int more = random.nextInt(4) == 0 ? random.nextInt(3) + 1 : 0; more > 0; more--) {
				imeis.append(';').append(IMEIS[random.nextInt(IMEIS.length)]);
			}
			cells.put(Column.IMEI, imeis.toString());
			entries.addAll(this.validator.validate(new InputRow(row, cells)));
		}
		return entries;
	}

	private static List<String> entries(JdbcTemplate jdbc) {
		return jdbc.queryForList("""
				SELECT row_no || '/' || seq_in_row || ' ' || imei || ' ' || COALESCE(campaign_key, '-') || ' part ' || part_no
					|| ' ' || status || ' ' || COALESCE(error_code, '-') || ' ' || COALESCE(error_message, '-')
				FROM device_entry ORDER BY row_no, seq_in_row""", String.class);
	}

	/** The same text as {@link #entries} from the staging file. */
	private static List<String> stagedEntries(StagingStore store) throws Exception {
		List<String> lines = new ArrayList<>();
		try (StagedInstance staged = store.open(JOB)) {
			staged.query("""
					SELECT CAST(e.row_no AS VARCHAR) || '/' || CAST(e.seq AS VARCHAR) || ' ' || e.imei || ' '
						|| COALESCE(f.campaign_key, '-') || ' part ' || CAST(e.part_no AS VARCHAR) || ' ' || e.status || ' '
						|| COALESCE(e.error_code, '-') || ' ' || COALESCE(e.error_message, '-')
					FROM entry e JOIN definition f ON f.def_id = e.def_id ORDER BY e.row_no, e.seq""",
					row -> lines.add(row.getString(1)));
		}
		return lines;
	}

	/** Each campaign part's devices, in order: from the ledger (new) or from device_entry (old). */
	private static List<String> deviceLists(JdbcTemplate jdbc) {
		return jdbc.query("SELECT campaign_key, part_no, imeis FROM campaign ORDER BY campaign_key, part_no",
				(row, n) -> row.getString(3) != null ? row.getString(3) : String.join(",", jdbc.queryForList("""
						SELECT imei FROM device_entry WHERE campaign_key = ? AND part_no = ? AND status = 'VALID'
						ORDER BY row_no, seq_in_row""", String.class, row.getString(1), row.getInt(2))));
	}

	private static List<String> campaigns(JdbcTemplate jdbc) {
		return jdbc.queryForList("""
				SELECT campaign_key || ' ' || part_no || '/' || part_count || ' ' || name || ' first ' || first_row_no
					|| ' devices ' || device_count || ' ' || schedule_sig || ' ' || state
				FROM campaign ORDER BY campaign_key, part_no""", String.class);
	}
}
