package io.github.campaignbatch.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

import io.github.campaignbatch.staging.StagingSettings;
import io.github.campaignbatch.staging.StagingStore;
import io.github.campaignbatch.staging.TestStaging;
import io.github.campaignbatch.support.TestDatabase;
import io.github.campaignbatch.validation.DateParser;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.ErrorCode;
import io.github.campaignbatch.validation.Problem;
import io.github.campaignbatch.validation.RowValidator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CSV report DuckDB writes ({@link ResultsRepository#copyCsv}, {@link CsvReportSql}) is byte for byte the one
 * the Java writer writes line by line ({@link ResultsReportWriter#writeCsvLineByLine}), over random hostile cells in
 * every column the input or the vendor fills: control characters and escape sequences, C1 controls, format
 * characters, formula signs (full-width and small forms too) after white space, no-break spaces or format
 * characters, a tab or carriage return first, quotes, commas, line breaks, characters beyond the Basic Multilingual
 * Plane, empty and missing cells; with and without waves, with device statuses at the vendor and amend's changes.
 */
@Tag("database")
class CsvReportSqlEquivalenceTest {

	private static final long JOB = 7;

	/**
	 * Rows whose ordered copy needs more than {@link #COPY_OUT_OF_MEMORY_LIMIT} of DuckDB's memory, while their ordered
	 * read fits it (measured with DuckDB 1.4.4 on one thread: the read fails at 16 MB, the copy still at 48 MB and
	 * fits 96 MB).
	 */
	private static final int COPY_OUT_OF_MEMORY_ROWS = 200_000;

	private static final String COPY_OUT_OF_MEMORY_LIMIT = "32MB";

	/** What random cells are made of: each alone is a case of some rule. */
	private static final String[] ATOMS = { "a", "Bench campaign 0001", "352099000000006", "x-y", "1.0", "|", "\\", "'",
			"\u001b[31m", "\u001b]0;pwned\u0007", "\u0007", "\b", "\u007f", "\u000b", "\u000c", "\u001c", "\u0085",
			"\u009b", "\u200b", "\ufeff", "\u202e", "\u00ad", "\u061c", "\u180e", "\u2060", "\udb40\udc01", "=", "+", "-",
			"@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63", "\ufe6b", " ", "  ", "\u00a0",
			"\u2007", "\u202f", "\u3000", "\u1680", "\u2002", "\t", "\r", "\n", "\r\n", "\u2028", "\u2029", "\"", "\"\"",
			",", "\ud83d\ude00", "\ud834\udd1e", "é", "日本", "=HYPERLINK(\"http://x\",\"y\")", "-1", "+33 6", "@SUM(A1)" };

	/** A campaign's state in the ledger: the first campaign's SCHEDULED, the second's SUBMITTING (UNKNOWN). */
	private static final String[] STATES = { "PLANNED", "SCHEDULED", "REJECTED", "FAILED", "UNKNOWN", "SUBMITTING", "HELD",
			"HALTED", "EXPIRED", "=CMD", "" };

	@TempDir
	Path work;

	private final JdbcTemplate jdbc = TestDatabase.freshTemplate();

	@ParameterizedTest(name = "seed {0}, waves {1}")
	@CsvSource({ "1, false", "2, true", "3, false", "4, true" })
	void theReportDuckDbWritesIsByteForByteTheOneJavaWrites(long seed, boolean waves) throws Exception {
		assumeTrue(CsvReportSql.forZone(ZoneId.systemDefault()).isPresent(),
				"this JVM's zone has summer time: Java writes every report (see the next tests)");
		ResultsRepository results = new ResultsRepository(this.jdbc, hostileJob(seed, waves));
		assertThat(results.hasWaves(JOB)).isEqualTo(waves);

		Path byJava = this.work.resolve("java.csv");
		Path byDuckDb = this.work.resolve("duckdb.csv");
		long javaLines = new ResultsReportWriter(results).writeCsvLineByLine(JOB, byJava, waves, written -> {
		});
		long[] told = { -1 };
		OptionalLong duckDbLines = results.copyCsv(JOB, byDuckDb, waves, written -> told[0] = written);

		assertThat(duckDbLines).as("written by DuckDB, not handed to Java").isPresent();
		assertThat(duckDbLines.getAsLong()).isEqualTo(javaLines).isEqualTo(told[0]).isGreaterThan(200);
		String java = Files.readString(byJava, StandardCharsets.UTF_8);
		String duckDb = Files.readString(byDuckDb, StandardCharsets.UTF_8);
		assertThat(duckDb.split("\n", -1)).containsExactly(java.split("\n", -1));
		assertThat(Files.readAllBytes(byDuckDb)).isEqualTo(Files.readAllBytes(byJava));
		assertThat(java).as("the cases are there").contains("'=", "'\uff1d", "?[31m", "REMOVED", "\n,", "\"\"", "SCHEDULED", "UNKNOWN").containsPattern(
				"T\\d\\d:\\d\\d:\\d\\dZ").containsPattern(":\\d\\d\\.\\d{3}Z").containsPattern(":\\d\\d\\.\\d{6}Z");
	}

	@Test
	void theSummaryCountsAtOnceWhatEachCountSaysAlone() throws Exception {
		ResultsRepository results = new ResultsRepository(this.jdbc, hostileJob(6, false));

		ResultsRepository.DeviceCounts counts = results.deviceCounts(JOB);

		assertThat(counts.outcomes()).isEqualTo(results.outcomeCounts(JOB));
		assertThat(counts.outcomes().get(DeviceOutcome.REMOVED)).isPositive();
		assertThat(counts.rejectionsByCode()).containsExactlyEntriesOf(results.rejectionsByCode(JOB)).isNotEmpty();
		assertThat(counts.rowCount()).isEqualTo(results.rowCount(JOB)).isEqualTo(158);
		Map<DeviceOutcome, Long> turnedAway = new EnumMap<>(DeviceOutcome.class);
		counts.outcomes().forEach((outcome, devices) -> {
			if (devices > 0 && Set.of(DeviceOutcome.INVALID, DeviceOutcome.DUPLICATE, DeviceOutcome.CONFLICT).contains(outcome)) {
				turnedAway.put(outcome, devices);
			}
		});
		assertThat(results.turnedAwayCounts(JOB)).containsExactlyEntriesOf(turnedAway).isNotEmpty();
	}

	@Test
	void aReportWithAStatusTimeTheSqlCannotPrintIsWrittenByJava() throws Exception {
		StagingStore store = hostileJob(5, false);
		this.jdbc.update("UPDATE device_vendor_status SET status_at = ? WHERE imei = ?",
				Timestamp.valueOf(LocalDateTime.parse("1899-12-31T23:00:00")), vendorDevice(this.jdbc));
		ResultsRepository results = new ResultsRepository(this.jdbc, store);
		Path byJava = this.work.resolve("java.csv");
		Path report = this.work.resolve("report.csv");

		assertThat(results.copyCsv(JOB, this.work.resolve("unused.csv"), false, written -> {
		})).isEmpty();
		long lines = new ResultsReportWriter(results).write(JOB, report);

		new ResultsReportWriter(results).writeCsvLineByLine(JOB, byJava, false, written -> {
		});
		assertThat(lines).isPositive();
		assertThat(Files.readAllBytes(report)).isEqualTo(Files.readAllBytes(byJava));
	}

	@Test
	void aZoneWithSummerTimeLeavesTheReportToJavaAFixedOneIsPrintedInSql() {
		assertThat(CsvReportSql.forZone(ZoneId.of("Europe/Paris"))).isEmpty();
		assertThat(CsvReportSql.forZone(ZoneOffset.UTC)).isPresent();
		assertThat(CsvReportSql.forZone(ZoneOffset.ofHoursMinutes(5, 30))).isPresent();
		assertThat(CsvReportSql.forZone(ZoneId.of("Etc/GMT+3"))).isPresent();
	}

	@Test
	void inAZoneWithSummerTimeAReportWithoutStatusTimesIsStillWrittenInSqlOneWithThemByJava() throws Exception {
		ZoneId summerTime = ZoneId.of("Europe/Paris");
		ResultsRepository results = new ResultsRepository(this.jdbc, hostileJob(6, true));
		assertThat(results.copyCsv(JOB, this.work.resolve("unused.csv"), true, written -> {
		}, summerTime)).as("device status times to print: Java's").isEmpty();

		// a status is never stored without its time: a report before any track has no status at all
		this.jdbc.update("DELETE FROM device_vendor_status");
		Path byJava = this.work.resolve("java.csv");
		Path byDuckDb = this.work.resolve("duckdb.csv");
		long javaLines = new ResultsReportWriter(results).writeCsvLineByLine(JOB, byJava, true, written -> {
		});
		OptionalLong duckDbLines = results.copyCsv(JOB, byDuckDb, true, written -> {
		}, summerTime);

		assertThat(duckDbLines).as("no status time: DuckDB's in any zone").hasValue(javaLines);
		assertThat(Files.readAllBytes(byDuckDb)).isEqualTo(Files.readAllBytes(byJava));
	}

	@Test
	void anOrderedCopyThatDoesNotFitTheMemoryLimitLeavesTheReportToJava() throws Exception {
		DeviceEntry template = hostileEntries(new Random(8)).stream()
			.filter(entry -> entry.problem() == null)
			.findFirst()
			.orElseThrow();
		List<DeviceEntry> entries = new ArrayList<>();
		for (int row = 1; row <= COPY_OUT_OF_MEMORY_ROWS; row++) {
			entries.add(new DeviceEntry(row, 1, String.format("%015d", row), template.account(), template.campaignName(),
					template.fileName(), template.fileVersion(), template.schedule(), template.campaignKey(), null));
		}
		Path staging = this.work.resolve("staging");
		TestStaging.stageAndGroup(TestStaging.store(this.jdbc, staging), this.jdbc, JOB, entries, 10_000);
		// the same file under a limit that an ordered read fits and an ordered copy of those rows does not
		ResultsRepository results = new ResultsRepository(this.jdbc,
				new StagingStore(this.jdbc, new StagingSettings(staging, COPY_OUT_OF_MEMORY_LIMIT, 1)));
		Path report = this.work.resolve("report.csv");
		Path byJava = this.work.resolve("java.csv");

		assertThat(results.copyCsv(JOB, this.work.resolve("unused.csv"), false, written -> {
		})).as("the copy ran out of memory").isEmpty();
		long lines = new ResultsReportWriter(results).write(JOB, report);

		new ResultsReportWriter(results).writeCsvLineByLine(JOB, byJava, false, written -> {
		});
		assertThat(lines).isEqualTo(COPY_OUT_OF_MEMORY_ROWS);
		assertThat(Files.readAllBytes(report)).isEqualTo(Files.readAllBytes(byJava));
	}

	/** A job instance staged with hostile entries ({@link #hostileEntries}), its ledger and vendor hostile too. */
	private StagingStore hostileJob(long seed, boolean waves) throws Exception {
		Random random = new Random(seed);
		StagingStore store = TestStaging.store(this.jdbc, this.work.resolve("staging"));
		List<DeviceEntry> entries = hostileEntries(random);
		TestStaging.stage(store, JOB, entries);
		makeTheVendorHostile(this.jdbc, random, entries, waves);
		return store;
	}

	private static String vendorDevice(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT MIN(imei) FROM device_vendor_status WHERE job_instance_id = ?", String.class, JOB);
	}

	/**
	 * Valid entries of a few campaigns with hostile account, names and IMEIs (only the validator refuses such
	 * cells; the report must still show them safely), and invalid ones with hostile or missing cells and messages.
	 */
	private static List<DeviceEntry> hostileEntries(Random random) {
		RowValidator validator = new RowValidator("acc", LocalDate.parse("2026-01-01"), new DateParser(null),
				"cd".repeat(32));
		List<DeviceEntry> templates = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			DeviceEntry valid = validator.validate(ResultsReportWriterTest.row(i + 2, "campaign " + i, "353456789012348")).get(0);
			assertThat(valid.schedule()).as(valid.toString()).isNotNull();
			templates.add(new DeviceEntry(0, 0, "", valid.account(), valid.campaignName(), valid.fileName(),
					valid.fileVersion(), valid.schedule(), "key " + i, null));
		}
		List<DeviceEntry> entries = new ArrayList<>();
		for (int row = 2; row < 160; row++) {
			DeviceEntry template = templates.get(random.nextInt(templates.size()));
			int devices = 1 + random.nextInt(3);
			for (int seq = 0; seq < devices; seq++) {
				// a few plain IMEIs seen twice: grouping makes duplicates of them
				Problem problem = random.nextInt(4) == 0 ? new Problem(ErrorCode.values()[random.nextInt(ErrorCode.values().length)],
						hostileInput(random, false)) : null;
				String imei = random.nextInt(8) == 0 ? "35209900000" + (1000 + random.nextInt(20)) : hostileInput(random, false);
				boolean plain = random.nextInt(3) == 0;
				entries.add(new DeviceEntry(row, seq, imei, plain ? template.account() : hostileInput(random, problem != null),
						plain ? template.campaignName() : hostileInput(random, problem != null),
						plain ? template.fileName() : hostileInput(random, problem != null),
						plain ? template.fileVersion() : hostileInput(random, problem != null), template.schedule(),
						template.campaignKey(), problem));
			}
		}
		return entries;
	}

	/**
	 * What the ledger and the vendor hold: campaigns with hostile names, states, ids, statuses and errors (in waves or
	 * not), device statuses with times of every precision, and amend's changes (devices taken out, added, added then
	 * taken out, and a change not applied).
	 */
	private static void makeTheVendorHostile(JdbcTemplate jdbc, Random random, List<DeviceEntry> entries, boolean waves) {
		// the staging file is not grouped: every device is in part 1 of its campaign (one key of a few, see above)
		List<String> keys = entries.stream().map(DeviceEntry::campaignKey).distinct().toList();
		List<Long> campaigns = new ArrayList<>();
		for (String key : keys) {
			if (key.endsWith("0")) {
				continue; // a campaign not in the ledger (yet): its valid devices are PLANNED
			}
			long id = 100 + campaigns.size();
			campaigns.add(id);
			jdbc.update("""
					INSERT INTO campaign (id, job_instance_id, campaign_key, part_no, part_count, name, account, file_name,
						file_version, distribution_type, start_date, end_date, schedule_sig, first_row_no, device_count,
						state, remote_id, vendor_status, error_code, error_message, updated_at, wave_no)
					VALUES (?, ?, ?, 1, 1, ?, ?, ?, ?, 'HTTP', DATE '2026-03-01', DATE '2026-03-31', 'sig', 2, 1, ?, ?, ?,
						?, ?, CURRENT_TIMESTAMP, ?)""", id, JOB, key, hostile(random, false), hostile(random, false),
					hostile(random, false), hostile(random, false), campaigns.size() <= 2 ? STATES[campaigns.size() * 4 - 3] : STATES[random.nextInt(STATES.length)],
					hostile(random, true), hostile(random, true), hostile(random, true), hostile(random, true),
					waves && random.nextInt(4) > 0 ? random.nextInt(4) : null);
		}
		assertThat(campaigns).isNotEmpty();
		if (waves) {
			jdbc.update("UPDATE campaign SET wave_no = 1 WHERE id = ?", campaigns.get(0));
		}
		Map<String, Long> campaignOfKey = new HashMap<>();
		jdbc.query("SELECT campaign_key, id FROM campaign WHERE job_instance_id = ?",
				resultSet -> {
					campaignOfKey.put(resultSet.getString(1), resultSet.getLong(2));
				}, JOB);
		LocalDateTime[] times = { LocalDateTime.parse("2026-03-02T10:15:00"), LocalDateTime.parse("2026-03-02T10:15:07"),
				LocalDateTime.parse("2026-03-02T10:15:07.120"), LocalDateTime.parse("2026-03-02T10:15:07.123456"),
				LocalDateTime.parse("2026-03-02T00:00:00.000001"), LocalDateTime.parse("2031-12-31T23:59:59.999"),
				LocalDateTime.parse("1970-01-01T00:00:00") };
		long amendment = 1;
		Set<String> statused = new HashSet<>();
		Set<String> amendedOnce = new HashSet<>();
		for (DeviceEntry entry : entries) {
			Long campaign = campaignOfKey.get(entry.campaignKey());
			if (campaign == null || entry.problem() != null || entry.imei().indexOf('\u0000') >= 0) {
				continue;
			}
			int dice = random.nextInt(10);
			if (dice < 5 && statused.add(campaign + " " + entry.imei())) {
				jdbc.update("""
						INSERT INTO device_vendor_status (job_instance_id, campaign_id, imei, device_status, result_reason,
							status_at) VALUES (?, ?, ?, ?, ?, ?)""", JOB, campaign, entry.imei(), hostile(random, false),
						hostile(random, true), Timestamp.valueOf(times[statused.size() % times.length]));
			}
			if (dice >= 7 && amendedOnce.add(campaign + " " + entry.imei())) {
				amend(jdbc, amendment++, campaign, entry.imei(), "REMOVE", dice != 9);
			}
		}
		for (int i = 0; i < 12; i++) {
			long campaign = campaigns.get(random.nextInt(campaigns.size()));
			String imei = "added " + i + " " + hostile(random, false);
			amend(jdbc, amendment++, campaign, imei, "ADD", true);
			if (i % 3 == 0) {
				amend(jdbc, amendment++, campaign, imei, "REMOVE", true);
			}
			if (i % 2 == 0 && statused.add(campaign + " " + imei)) {
				jdbc.update("""
						INSERT INTO device_vendor_status (job_instance_id, campaign_id, imei, device_status, result_reason,
							status_at) VALUES (?, ?, ?, ?, ?, ?)""", JOB, campaign, imei, hostile(random, false),
						hostile(random, true), Timestamp.valueOf(times[statused.size() % times.length]));
			}
		}
	}

	private static void amend(JdbcTemplate jdbc, long amendment, long campaign, String imei, String kind, boolean applied) {
		jdbc.update("""
				INSERT INTO amended_device (amendment_id, job_instance_id, campaign_id, imei, change_kind, applied)
				VALUES (?, ?, ?, ?, ?, ?)""", amendment, JOB, campaign, imei, kind, applied);
	}

	/** A cell of the input: NUL too, which no database of the ledger takes. */
	private static String hostileInput(Random random, boolean nullable) {
		String cell = hostile(random, nullable);
		return cell != null && random.nextInt(20) == 0 ? cell + "\u0000" + cell : cell;
	}

	/** A random cell of a few atoms; empty now and then, and missing ({@code null}) when {@code nullable}. */
	private static String hostile(Random random, boolean nullable) {
		int size = random.nextInt(6);
		if (size == 0) {
			return nullable && random.nextBoolean() ? null : "";
		}
		StringBuilder cell = new StringBuilder();
		for (int i = 0; i < size && cell.length() < 60; i++) {
			cell.append(ATOMS[random.nextInt(ATOMS.length)]);
		}
		return cell.toString();
	}
}
