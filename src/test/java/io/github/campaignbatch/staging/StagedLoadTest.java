package io.github.campaignbatch.staging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.ErrorCode;
import io.github.campaignbatch.validation.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.campaignbatch.staging.StagedFiles.row;
import static io.github.campaignbatch.staging.StagedFiles.rows;
import static org.assertj.core.api.Assertions.assertThat;

/** The load step's part of a staging file ({@link StagedLoad}), on a real DuckDB file. */
class StagedLoadTest {

	@TempDir
	Path work;

	@Test
	void storesEachDeviceWithItsOutcomeAndEachCampaignDefinitionOnce() throws SQLException {
		try (StagedInstance staged = StagedFiles.fresh(this.work)) {
			StagedFiles.load(staged, rows(Map.of(Column.IMEI, "353456789012348;353456789012355"),
					Map.of(Column.IMEI, "123"), Map.of(Column.IMEI, "353456789012363", Column.FILE_VERSION, "2.0")));
		}

		try (StagedInstance staged = StagedFiles.reopen(this.work)) {
			assertThat(staged.isFormatOf(StagedFiles.JOB)).isTrue();
			assertThat(devices(staged)).containsExactly("2/1 353456789012348 def 1 VALID -", "2/2 353456789012355 def 1 VALID -",
					"3/1 123 def 2 INVALID INVALID_IMEI", "4/1 353456789012363 def 3 VALID -");
			// an invalid row has no schedule: its definition is not its campaign's
			assertThat(definitions(staged)).containsExactly("1 rollout fw.bin 1.0", "2 rollout fw.bin 1.0",
					"3 rollout fw.bin 2.0");
		}
	}

	@Test
	void theDevicesReachTheTableWhenTheLoadFinishesAndTheirLinesAreThenDeleted() throws Exception {
		try (StagedInstance staged = StagedFiles.fresh(this.work); StagedLoad load = new StagedLoad(staged)) {
			load.append(row(2, Map.of(Column.IMEI, "353456789012348")));
			Path lines = StagedInstance.loadLinesOf(staged.file());
			assertThat(devices(staged)).isEmpty();
			assertThat(Files.getPosixFilePermissions(lines)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE);

			load.finish();

			assertThat(devices(staged)).containsExactly("2/1 353456789012348 def 1 VALID -");
			assertThat(lines).doesNotExist();
		}
	}

	@Test
	void aLoadClosedWithoutFinishingStagesNoDeviceAndLeavesNoLines() throws Exception {
		try (StagedInstance staged = StagedFiles.fresh(this.work)) {
			try (StagedLoad load = new StagedLoad(staged)) {
				load.append(row(2, Map.of(Column.IMEI, "353456789012348")));
			}

			assertThat(devices(staged)).isEmpty();
			assertThat(StagedInstance.loadLinesOf(staged.file())).doesNotExist();
		}
	}

	@Test
	void everyTextComesBackAsItWasStagedWhateverItHolds() throws SQLException {
		List<String> texts = List.of("", "\\N", "\\", "\\t", "a\tb", "line\nbreak", "cr\rlf", "\"quoted\" text", "'single'",
				"comma, semicolon;", "caf\u00e9 \u20ac \u4e2d", "emoji \uD83D\uDE00", "bell \u0007", "del \u007f", " spaced ",
				"#1", "NULL", "x".repeat(999));
		List<DeviceEntry> entries = new ArrayList<>();
		DeviceEntry valid = row(2, Map.of(Column.IMEI, "353456789012348")).get(0);
		for (int i = 0; i < texts.size(); i++) {
			entries.add(new DeviceEntry(2, i + 1, texts.get(i), valid.account(), valid.campaignName(), valid.fileName(),
					valid.fileVersion(), null, null, new Problem(ErrorCode.INVALID_IMEI, texts.get(i))));
		}
		entries.add(new DeviceEntry(3, 1, "", valid.account(), valid.campaignName(), valid.fileName(), valid.fileVersion(),
				valid.schedule(), valid.campaignKey(), null));

		try (StagedInstance staged = StagedFiles.fresh(this.work)) {
			StagedFiles.load(staged, entries);

			List<List<String>> stored = new ArrayList<>();
			staged.query("SELECT imei, error_code, error_message FROM device ORDER BY row_no, seq",
					result -> stored.add(Arrays.asList(result.getString(1), result.getString(2), result.getString(3))));
			List<List<String>> expected = new ArrayList<>();
			texts.forEach(text -> expected.add(List.of(text, "INVALID_IMEI", text)));
			expected.add(Arrays.asList("", null, null));
			assertThat(stored).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void aLaterLoadOfTheSameFileNumbersItsDefinitionsAfterTheEarlierOnes() throws SQLException {
		try (StagedInstance staged = StagedFiles.fresh(this.work)) {
			StagedFiles.load(staged, row(2, Map.of(Column.IMEI, "353456789012348")));
			StagedFiles.load(staged, row(3, Map.of(Column.IMEI, "353456789012355", Column.FILE_VERSION, "2.0")));

			assertThat(definitions(staged)).containsExactly("1 rollout fw.bin 1.0", "2 rollout fw.bin 2.0");
			assertThat(devices(staged)).containsExactly("2/1 353456789012348 def 1 VALID -", "3/1 353456789012355 def 2 VALID -");
		}
	}

	@Test
	void aLongMessageIsClippedToWhatTheReportShows() throws SQLException {
		try (StagedInstance staged = StagedFiles.fresh(this.work)) {
			DeviceEntry valid = row(2, Map.of(Column.IMEI, "353456789012348")).get(0);
			StagedFiles.load(staged, List.of(new DeviceEntry(2, 1, valid.imei(), valid.account(), valid.campaignName(),
					valid.fileName(), valid.fileVersion(), null, null, new Problem(ErrorCode.INVALID_IMEI, "x".repeat(2000)))));

			List<String> messages = new ArrayList<>();
			staged.query("SELECT error_message FROM device", result -> messages.add(result.getString(1)));
			assertThat(messages).singleElement().satisfies(message -> assertThat(message).hasSize(1000).endsWith("..."));
		}
	}

	private static List<String> devices(StagedInstance staged) throws SQLException {
		List<String> lines = new ArrayList<>();
		staged.query("""
				SELECT CAST(row_no AS VARCHAR) || '/' || CAST(seq AS VARCHAR) || ' ' || imei || ' def ' || CAST(def_id AS VARCHAR)
					|| ' ' || status || ' ' || COALESCE(error_code, '-')
				FROM device ORDER BY row_no, seq""", result -> lines.add(result.getString(1)));
		return lines;
	}

	private static List<String> definitions(StagedInstance staged) throws SQLException {
		List<String> lines = new ArrayList<>();
		staged.query("""
				SELECT CAST(def_id AS VARCHAR) || ' ' || campaign_name || ' ' || file_name || ' ' || file_version
				FROM definition ORDER BY def_id""", result -> lines.add(result.getString(1)));
		return lines;
	}
}
