package io.github.campaignbatch.validation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.input.InputRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RowValidatorTest {

	private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	private final RowValidator validator = new RowValidator("acc-1", LocalDate.parse("2026-01-01"), new DateParser(null), SHA);

	@Test
	void validRowGivesOneValidEntryPerDevice() {
		List<DeviceEntry> entries = this.validator.validate(row(Map.of(Column.IMEI, "353456789012348;353456789012355",
				Column.DOWNLOAD_TIME_WINDOWS, "2-4;22-24")));

		assertThat(entries).hasSize(2).allMatch(DeviceEntry::isValid);
		assertThat(entries).extracting(DeviceEntry::seqInRow).containsExactly(1, 2);
		DeviceEntry first = entries.get(0);
		assertThat(first.account()).isEqualTo("acc-1");
		assertThat(first.schedule().distributionType()).isEqualTo("HTTP");
		assertThat(first.schedule().downloadTimeWindows()).containsExactly(new TimeWindow(2, 4), new TimeWindow(22, 24));
		assertThat(first.campaignKey()).hasSize(64).isEqualTo(entries.get(1).campaignKey());
	}

	@Test
	void blankCampaignNameIsGeneratedFromFileVersionStartDateAndInputHash() {
		DeviceEntry entry = this.validator.validate(row(Map.of(Column.CAMPAIGN_NAME, ""))).get(0);

		assertThat(entry.campaignName()).isEqualTo("fw.bin_1.0_2026-03-01_01234567");
	}

	@Test
	void accountColumnWinsOverDefault() {
		assertThat(this.validator.validate(row(Map.of(Column.ACCOUNT, "acc-2"))).get(0).account()).isEqualTo("acc-2");
	}

	@Test
	void missingAccountEverywhereIsMissingAccount() {
		RowValidator noDefault = new RowValidator(null, LocalDate.parse("2026-01-01"), new DateParser(null), SHA);

		assertThat(noDefault.validate(row(Map.of())).get(0).problem().code()).isEqualTo(ErrorCode.MISSING_ACCOUNT);
	}

	@Test
	void missingRequiredFieldNamesTheColumnAndMarksEveryDeviceOfTheRow() {
		List<DeviceEntry> entries = this.validator
			.validate(row(Map.of(Column.FILE_NAME, "", Column.IMEI, "353456789012348;353456789012355")));

		assertThat(entries).hasSize(2).allSatisfy(entry -> {
			assertThat(entry.status()).isEqualTo(EntryStatus.INVALID);
			assertThat(entry.problem().code()).isEqualTo(ErrorCode.MISSING_FIELD);
			assertThat(entry.problem().message()).startsWith("fileName is empty");
		});
	}

	@Test
	void rowWithoutImeiGivesOneEntryWithEmptyImei() {
		List<DeviceEntry> entries = this.validator.validate(row(Map.of(Column.IMEI, "")));

		assertThat(entries).singleElement().satisfies(entry -> {
			assertThat(entry.imei()).isEmpty();
			assertThat(entry.problem().code()).isEqualTo(ErrorCode.MISSING_FIELD);
			assertThat(entry.problem().message()).contains("imei");
		});
	}

	@Test
	void spaceGroupedImeiIsOneValidDevice() {
		List<DeviceEntry> entries = this.validator.validate(row(Map.of(Column.IMEI, "35 420910 000001 6")));

		assertThat(entries).singleElement().satisfies(entry -> {
			assertThat(entry.isValid()).isTrue();
			assertThat(entry.imei()).isEqualTo("354209100000016");
		});
	}

	@Test
	void spaceGroupsWithAWrongCheckDigitAreEachInvalid() {
		List<DeviceEntry> entries = this.validator.validate(row(Map.of(Column.IMEI, "35 420910 000001 5")));

		assertThat(entries).extracting(DeviceEntry::imei).containsExactly("35", "420910", "000001", "5");
		assertThat(entries).allSatisfy(entry -> assertThat(entry.problem().code()).isEqualTo(ErrorCode.INVALID_IMEI));
	}

	@Test
	void badImeiMarksOnlyThatDevice() {
		List<DeviceEntry> entries = this.validator.validate(row(Map.of(Column.IMEI, "353456789012348;353456789012349")));

		assertThat(entries.get(0).isValid()).isTrue();
		assertThat(entries.get(1).problem().code()).isEqualTo(ErrorCode.INVALID_IMEI);
	}

	@Test
	void unparseableDateNamesTheExpectedFormat() {
		Problem problem = this.validator.validate(row(Map.of(Column.START_DATE, "01/03/2026"))).get(0).problem();

		assertThat(problem.code()).isEqualTo(ErrorCode.INVALID_DATE);
		assertThat(problem.message()).contains("startDate '01/03/2026'").contains("YYYY-MM-DD").contains("--date-format");
	}

	@Test
	void customDateFormatIsAcceptedBesideIso() {
		RowValidator european = new RowValidator("acc-1", LocalDate.parse("2026-01-01"), new DateParser("dd/MM/yyyy"), SHA);

		DeviceEntry entry = european.validate(row(Map.of(Column.START_DATE, "01/03/2026"))).get(0);

		assertThat(entry.isValid()).isTrue();
		assertThat(entry.schedule().startDate()).isEqualTo(LocalDate.parse("2026-03-01"));
	}

	@Test
	void impossibleDateIsInvalid() {
		assertThat(this.validator.validate(row(Map.of(Column.END_DATE, "2026-02-30"))).get(0).problem().code())
			.isEqualTo(ErrorCode.INVALID_DATE);
	}

	@Test
	void startBeforeTodayIsDateInPast() {
		Problem problem = this.validator.validate(row(Map.of(Column.START_DATE, "2025-12-31"))).get(0).problem();

		assertThat(problem.code()).isEqualTo(ErrorCode.DATE_IN_PAST);
		assertThat(problem.message()).contains("2026-01-01");
	}

	@Test
	void dateOrderRules() {
		assertThat(code(Map.of(Column.END_DATE, "2026-02-28"))).isEqualTo(ErrorCode.DATE_ORDER);
		assertThat(code(Map.of(Column.DOWNLOAD_AFTER_DATE, "2026-04-01"))).isEqualTo(ErrorCode.DATE_ORDER);
		assertThat(code(Map.of(Column.INSTALL_AFTER_DATE, "2026-02-01"))).isEqualTo(ErrorCode.DATE_ORDER);
		assertThat(code(Map.of(Column.DOWNLOAD_AFTER_DATE, "2026-03-10", Column.INSTALL_AFTER_DATE, "2026-03-05")))
			.isEqualTo(ErrorCode.DATE_ORDER);
		assertThat(code(Map.of(Column.DOWNLOAD_AFTER_DATE, "2026-03-05", Column.INSTALL_AFTER_DATE, "2026-03-10"))).isNull();
	}

	@Test
	void distributionTypeIsCaseInsensitiveOmaOrHttp() {
		assertThat(this.validator.validate(row(Map.of(Column.DISTRIBUTION_TYPE, "oma"))).get(0).schedule().distributionType())
			.isEqualTo("OMA");
		assertThat(code(Map.of(Column.DISTRIBUTION_TYPE, "FTP"))).isEqualTo(ErrorCode.INVALID_DISTRIBUTION_TYPE);
	}

	@Test
	void timeWindowsMustBeHourPairsInRange() {
		assertThat(code(Map.of(Column.INSTALL_TIME_WINDOWS, "25-2"))).isEqualTo(ErrorCode.INVALID_TIME_WINDOW);
		assertThat(code(Map.of(Column.INSTALL_TIME_WINDOWS, "4-4"))).isEqualTo(ErrorCode.INVALID_TIME_WINDOW);
		assertThat(code(Map.of(Column.INSTALL_TIME_WINDOWS, "a-b"))).isEqualTo(ErrorCode.INVALID_TIME_WINDOW);
		assertThat(code(Map.of(Column.INSTALL_TIME_WINDOWS, "0-24"))).isNull();
		assertThat(code(Map.of(Column.INSTALL_TIME_WINDOWS, "23-24; 0-1"))).isNull();
	}

	@Test
	void severalRowProblemsKeepTheFirstCodeAndEveryMessage() {
		Problem problem = this.validator
			.validate(row(Map.of(Column.FILE_NAME, "", Column.DISTRIBUTION_TYPE, "FTP")))
			.get(0)
			.problem();

		assertThat(problem.code()).isEqualTo(ErrorCode.MISSING_FIELD);
		assertThat(problem.message()).contains("fileName is empty").contains("'FTP' is not OMA or HTTP");
	}

	@Test
	void overlongTextIsRejectedNotTruncatedSilently() {
		assertThat(code(Map.of(Column.FILE_NAME, "f".repeat(300)))).isEqualTo(ErrorCode.VALUE_TOO_LONG);
	}

	@ParameterizedTest
	@ValueSource(strings = { "wave\u001B[2K\u001B[1Gforged", "bell\u0007", "back\bspace", "\u202Egnp.exe", "two\nlines",
			"osc\u001B]8;;http://x\u001B\\", "zero\u200Bwidth", "del\u007F" })
	void controlCharactersInTextColumnsAreRejectedWithTheirOwnCode(String value) {
		for (Column column : new Column[] { Column.ACCOUNT, Column.CAMPAIGN_NAME, Column.FILE_NAME, Column.FILE_VERSION }) {
			Problem problem = this.validator.validate(row(Map.of(column, value))).get(0).problem();
			assertThat(problem).as(column + " " + value).isNotNull();
			assertThat(problem.code()).isEqualTo(ErrorCode.CONTROL_CHARACTER);
			assertThat(problem.message()).startsWith(column.headerName() + " holds the control character U+");
		}
	}

	@Test
	void printableUnicodeInTextColumnsIsAccepted() {
		assertThat(code(Map.of(Column.CAMPAIGN_NAME, "Vague d'été 日本 😀"))).isNull();
	}

	@Test
	void aRowInALocalTimeZoneReachesTheApiInUtcWithItsZoneInTheSchedule() {
		DeviceEntry entry = this.validator.validate(row(Map.of(Column.TIME_ZONE, "America/Chicago", Column.START_DATE,
				"2026-01-13", Column.END_DATE, "2026-01-17", Column.DOWNLOAD_TIME_WINDOWS, "17-20"))).get(0);

		assertThat(entry.isValid()).isTrue();
		assertThat(entry.schedule().downloadTimeWindows()).containsExactly(new TimeWindow(0, 2), new TimeWindow(23, 24));
		assertThat(entry.schedule().endDate()).isEqualTo("2026-01-18");
		assertThat(entry.schedule().timeZone()).isEqualTo("America/Chicago");
	}

	@Test
	void theTimeZoneOptionAppliesToRowsWithoutOneAndTheCellWins() {
		RowValidator chicago = new RowValidator("acc-1", LocalDate.parse("2026-01-01"), new DateParser(null), SHA,
				ZoneId.of("America/Chicago"), ZoneOffset.UTC);
		Map<Column, String> evening = Map.of(Column.START_DATE, "2026-01-13", Column.END_DATE, "2026-01-17",
				Column.DOWNLOAD_TIME_WINDOWS, "17-20");

		assertThat(chicago.validate(row(evening)).get(0).schedule().downloadTimeWindows())
			.containsExactly(new TimeWindow(0, 2), new TimeWindow(23, 24));
		Map<Column, String> inUtc = new EnumMap<>(evening);
		inUtc.put(Column.TIME_ZONE, "UTC");
		assertThat(chicago.validate(row(inUtc)).get(0).schedule().downloadTimeWindows())
			.containsExactly(new TimeWindow(17, 20));
	}

	@Test
	void anUnknownTimeZoneIsInvalidTimeZoneWithWhatToWrite() {
		Problem problem = this.validator.validate(row(Map.of(Column.TIME_ZONE, "Chicago"))).get(0).problem();

		assertThat(problem.code()).isEqualTo(ErrorCode.INVALID_TIME_ZONE);
		assertThat(problem.message()).isEqualTo("timeZone 'Chicago' is not a time zone: use an IANA name such as"
				+ " America/Chicago, Europe/Berlin or UTC");
	}

	@Test
	void aCampaignAcrossADaylightSavingChangeIsWarnedOfOnce() {
		for (int i = 0; i < 3; i++) {
			this.validator.validate(row(Map.of(Column.TIME_ZONE, "America/Chicago", Column.START_DATE, "2026-03-02",
					Column.END_DATE, "2026-03-20", Column.DOWNLOAD_TIME_WINDOWS, "17-20")));
		}

		assertThat(this.validator.warnings()).singleElement().asString()
			.startsWith("campaign 'Spring rollout': America/Chicago changes from UTC-06:00 to UTC-05:00 on 2026-03-08 at 02:00");
	}

	@Test
	void aLocalDayThatBeganYesterdayInUtcStartsToday() {
		// Berlin's 2026-01-01 begins at 23:00 UTC on 2025-12-31: that hour is past, the vendor refuses past dates
		DeviceEntry entry = this.validator.validate(row(Map.of(Column.TIME_ZONE, "Europe/Berlin", Column.START_DATE,
				"2026-01-01", Column.END_DATE, "2026-01-05"))).get(0);

		assertThat(entry.isValid()).isTrue();
		assertThat(entry.schedule().startDate()).isEqualTo("2026-01-01");
	}

	private ErrorCode code(Map<Column, String> overrides) {
		Problem problem = this.validator.validate(row(overrides)).get(0).problem();
		return problem == null ? null : problem.code();
	}

	private static InputRow row(Map<Column, String> overrides) {
		Map<Column, String> cells = new EnumMap<>(Column.class);
		cells.put(Column.CAMPAIGN_NAME, "Spring rollout");
		cells.put(Column.FILE_NAME, "fw.bin");
		cells.put(Column.FILE_VERSION, "1.0");
		cells.put(Column.DISTRIBUTION_TYPE, "http");
		cells.put(Column.START_DATE, "2026-03-01");
		cells.put(Column.END_DATE, "2026-03-31");
		cells.put(Column.IMEI, "353456789012348");
		cells.putAll(overrides);
		return new InputRow(2, cells);
	}
}
