package io.github.campaignbatch.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Local dates and windows into the API's zone, in plain Java. */
class LocalTimeConversionTest {

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Test
	void aChicagoEveningWindowInJanuaryCrossesMidnightInUtcAndBecomesTwoWindows() {
		LocalTimeConversion.Result result = convert(schedule("2031-01-13", "2031-01-17", null, "17-20", null, ""), CHICAGO);

		Schedule utc = result.schedule();
		assertThat(utc.downloadTimeWindows()).containsExactly(new TimeWindow(0, 2), new TimeWindow(23, 24));
		// 17:00 on the 13th in Chicago is 23:00 UTC the same day; 20:00 on the 17th is 02:00 UTC on the 18th
		assertThat(utc.startDate()).isEqualTo("2031-01-13");
		assertThat(utc.endDate()).isEqualTo("2031-01-18");
		assertThat(utc.timeZone()).isEqualTo("America/Chicago");
		assertThat(result.daylightSavingWarnings()).isEmpty();
	}

	@Test
	void aWindowEastOfUtcAtMidnightMovesTheStartADayEarlier() {
		Schedule utc = convert(schedule("2031-01-13", "2031-01-17", null, "0-2", null, "0-2"), BERLIN).schedule();

		assertThat(utc.downloadTimeWindows()).containsExactly(new TimeWindow(0, 1), new TimeWindow(23, 24));
		assertThat(utc.installTimeWindows()).containsExactly(new TimeWindow(0, 1), new TimeWindow(23, 24));
		assertThat(utc.startDate()).isEqualTo("2031-01-12");
		assertThat(utc.endDate()).isEqualTo("2031-01-17");
	}

	@Test
	void withoutWindowsEveryLocalHourCountsAndTheDatesCoverWholeLocalDays() {
		Schedule utc = convert(schedule("2031-01-13", "2031-01-17", null, "", null, ""), CHICAGO).schedule();

		assertThat(utc.startDate()).isEqualTo("2031-01-13");
		assertThat(utc.endDate()).isEqualTo("2031-01-18");
		assertThat(utc.downloadTimeWindows()).isEmpty();
	}

	@Test
	void onlyOneListOfWindowsStillLeavesTheOtherOpenAllDay() {
		// installs may happen at any hour: the dates must cover the whole local days, not only the download window
		Schedule utc = convert(schedule("2031-01-13", "2031-01-17", null, "2-4", null, ""), BERLIN).schedule();

		assertThat(utc.startDate()).isEqualTo("2031-01-12");
		assertThat(utc.downloadTimeWindows()).containsExactly(new TimeWindow(1, 3));
	}

	@Test
	void afterDatesAreWidenedLikeTheStartAndNeverBeforeIt() {
		Schedule utc = convert(schedule("2031-01-13", "2031-01-20", "2031-01-15", "0-2", "2031-01-13", "0-2"), BERLIN)
			.schedule();

		assertThat(utc.downloadAfterDate()).isEqualTo("2031-01-14");
		assertThat(utc.installAfterDate()).isEqualTo(utc.startDate()).isEqualTo("2031-01-12");
	}

	@Test
	void halfHourZonesWidenWindowsToTheWholeHoursAroundThem() {
		// 02:00-04:00 in Kolkata (UTC+05:30) is 20:30-22:30 UTC the day before
		Schedule utc = convert(schedule("2031-01-13", "2031-01-17", null, "2-4", null, "2-4"), ZoneId.of("Asia/Kolkata"))
			.schedule();

		assertThat(utc.downloadTimeWindows()).containsExactly(new TimeWindow(20, 23));
		assertThat(utc.startDate()).isEqualTo("2031-01-12");
		assertThat(utc.endDate()).isEqualTo("2031-01-16");
	}

	@Test
	void windowsThatTouchOnceShiftedAreMergedAndAWholeDayStaysOne() {
		assertThat(LocalTimeConversion.shift(List.of(new TimeWindow(0, 24)), 6 * 3600)).containsExactly(new TimeWindow(0, 24));
		assertThat(LocalTimeConversion.shift(List.of(new TimeWindow(16, 18), new TimeWindow(18, 20)), 6 * 3600))
			.containsExactly(new TimeWindow(0, 2), new TimeWindow(22, 24));
		assertThat(LocalTimeConversion.shift(List.of(new TimeWindow(22, 24), new TimeWindow(0, 2)), 0))
			.containsExactly(new TimeWindow(0, 2), new TimeWindow(22, 24));
	}

	@Test
	void aCampaignAcrossTheSpringChangeIsWarnedOfWithTheHourThatMovesAndItsWindowsAfter() {
		LocalTimeConversion.Result result = convert(schedule("2031-03-03", "2031-03-14", null, "17-20", null, ""), CHICAGO);

		assertThat(result.schedule().downloadTimeWindows()).containsExactly(new TimeWindow(0, 2), new TimeWindow(23, 24));
		assertThat(result.daylightSavingWarnings()).singleElement().isEqualTo("America/Chicago changes from UTC-06:00 to"
				+ " UTC-05:00 on 2031-03-09 at 02:00 (clocks go forward to 03:00); the windows were converted at UTC-06:00,"
				+ " so from then on they open one hour later in America/Chicago time (downloadTimeWindows 17-20 become"
				+ " 18-21)");
	}

	@Test
	void theAutumnChangeMovesTheWindowsEarlier() {
		LocalTimeConversion.Result result = convert(schedule("2031-10-20", "2031-10-31", null, "1-3", null, "1-3"), BERLIN);

		assertThat(result.daylightSavingWarnings()).singleElement().asString()
			.contains("Europe/Berlin changes from UTC+02:00 to UTC+01:00 on 2031-10-26 at 03:00 (clocks go back to 02:00)")
			.contains("one hour earlier", "downloadTimeWindows 1-3 become 0-2", "installTimeWindows 1-3 become 0-2");
	}

	@Test
	void aCampaignWithinOneSeasonIsNotWarnedOf() {
		assertThat(convert(schedule("2031-03-10", "2031-03-14", null, "17-20", null, ""), CHICAGO).daylightSavingWarnings())
			.isEmpty();
	}

	@Test
	void aZoneWithTheApisRulesNeedsNoConversionAndAbbreviationsAreRefused() {
		assertThat(LocalTimeConversion.differs(ZoneId.of("UTC"), ZoneOffset.UTC)).isFalse();
		assertThat(LocalTimeConversion.differs(ZoneId.of("Etc/UTC"), ZoneOffset.UTC)).isFalse();
		assertThat(LocalTimeConversion.differs(null, ZoneOffset.UTC)).isFalse();
		assertThat(LocalTimeConversion.differs(CHICAGO, ZoneOffset.UTC)).isTrue();
		assertThat(LocalTimeConversion.zone(" America/Chicago ")).isEqualTo(CHICAGO);
		assertThatThrownBy(() -> LocalTimeConversion.zone("CST")).hasMessage(
				"'CST' is not a time zone: use an IANA name such as America/Chicago, Europe/Berlin or UTC");
		assertThatThrownBy(() -> LocalTimeConversion.zone("America/Chicgo")).hasMessageStartingWith("'America/Chicgo'");
	}

	@Test
	void anApiZoneOtherThanUtcIsConvertedTo() {
		Schedule newYork = LocalTimeConversion.toApiZone(schedule("2031-01-13", "2031-01-17", null, "17-20", null, ""),
				CHICAGO, ZoneId.of("America/New_York")).schedule();

		assertThat(newYork.downloadTimeWindows()).containsExactly(new TimeWindow(18, 21));
		assertThat(newYork.startDate()).isEqualTo("2031-01-13");
	}

	@Test
	void theZoneIsPartOfTheSignatureOnlyWhenThereIsOne() {
		Schedule plain = schedule("2031-01-13", "2031-01-17", null, "17-20", null, "");

		assertThat(plain.signature()).isEqualTo("HTTP|2031-01-13|2031-01-17||17-20||");
		assertThat(convert(plain, CHICAGO).schedule().signature()).endsWith("|America/Chicago");
	}

	private static LocalTimeConversion.Result convert(Schedule local, ZoneId zone) {
		return LocalTimeConversion.toApiZone(local, zone, ZoneOffset.UTC);
	}

	private static Schedule schedule(String start, String end, String downloadAfter, String downloadWindows,
			String installAfter, String installWindows) {
		return new Schedule("HTTP", LocalDate.parse(start), LocalDate.parse(end),
				downloadAfter == null ? null : LocalDate.parse(downloadAfter), TimeWindow.parseStored(downloadWindows),
				installAfter == null ? null : LocalDate.parse(installAfter), TimeWindow.parseStored(installWindows));
	}
}
