package io.github.campaignbatch.amendment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.CampaignDates;
import org.junit.jupiter.api.Test;

/** The vendor's rules for changing a scheduled campaign, and the change laid over its schedule, in plain Java. */
class AmendmentRulesTest {

	private static final LocalDate TODAY = LocalDate.parse("2030-01-10");

	private static final CampaignDates CURRENT = new CampaignDates(LocalDate.parse("2030-01-15"),
			LocalDate.parse("2030-02-15"), LocalDate.parse("2030-01-16"), List.of(new TimeWindow(1, 5)), null,
			List.of(new TimeWindow(2, 6)));

	@Test
	void beforeTheStartAnyScheduleWithinItsOwnOrderIsAllowed() {
		assertThat(refuse(change(null, "2030-03-01"))).isNull();
		assertThat(refuse(new CampaignDates(LocalDate.parse("2030-01-10"), LocalDate.parse("2030-01-10"), null, List.of(),
				null, List.of()))).isNull();
		assertThat(refuse(change("2030-01-09", null))).isEqualTo("the start date 2030-01-09 is in the past (today is 2030-01-10)");
		assertThat(refuse(change(null, "2030-01-14"))).isEqualTo("the end date 2030-01-14 is before the start date 2030-01-15");
		assertThat(refuse(change("2030-01-17", null)))
			.isEqualTo("downloadAfterDate 2030-01-16 is outside the campaign's dates 2030-01-17 to 2030-02-15");
		assertThat(refuse(new CampaignDates(CURRENT.startDate(), CURRENT.endDate(), LocalDate.parse("2030-01-20"),
				List.of(), LocalDate.parse("2030-01-19"), List.of())))
			.isEqualTo("installAfterDate 2030-01-19 is before downloadAfterDate 2030-01-20");
	}

	@Test
	void onceStartedOnlyTheEndAtLeastADayAwayAndMoreWindows() {
		LocalDate started = LocalDate.parse("2030-01-20");

		assertThat(AmendmentRules.hasStarted(CURRENT, LocalDate.parse("2030-01-15"))).isTrue();
		assertThat(AmendmentRules.hasStarted(CURRENT, LocalDate.parse("2030-01-14"))).isFalse();
		assertThat(AmendmentRules.refuseDates("CampaignScheduled", CURRENT, change(null, "2030-01-21"), started)).isNull();
		assertThat(AmendmentRules.refuseDates("CampaignScheduled", CURRENT, change(null, "2030-01-20"), started))
			.isEqualTo("it started on 2030-01-15: its end date must be at least 24 hours from now: 2030-01-21 or later");
		assertThat(AmendmentRules.refuseDates("CampaignScheduled", CURRENT, change("2030-01-21", null), started))
			.startsWith("it started on 2030-01-15: its start date cannot change any more");
		assertThat(AmendmentRules.refuseDates("CampaignScheduled", CURRENT, new CampaignDates(CURRENT.startDate(),
				CURRENT.endDate(), null, CURRENT.downloadTimeWindowList(), null, CURRENT.installTimeWindowList()), started))
			.startsWith("it started on 2030-01-15: its after-dates cannot change any more");
		CampaignDates moreWindows = new CampaignDates(CURRENT.startDate(), CURRENT.endDate(), CURRENT.downloadAfterDate(),
				List.of(new TimeWindow(1, 5), new TimeWindow(20, 22)), null, List.of(new TimeWindow(2, 6)));
		assertThat(AmendmentRules.refuseDates("CampaignScheduled", CURRENT, moreWindows, started)).isNull();
		CampaignDates fewerWindows = new CampaignDates(CURRENT.startDate(), CURRENT.endDate(), CURRENT.downloadAfterDate(),
				List.of(new TimeWindow(20, 22)), null, List.of());
		assertThat(AmendmentRules.refuseDates("CampaignScheduled", CURRENT, fewerWindows, started))
			.isEqualTo("it started on 2030-01-15: windows can be added, not removed (1-5;2-6 would go)");
	}

	@Test
	void aFinalCampaignCannotChangeAndDevicesOnlyWhilePending() {
		assertThat(AmendmentRules.refuseDates("CampaignEnded", CURRENT, change(null, "2030-03-01"), TODAY))
			.isEqualTo("it is CampaignEnded: a campaign that ended, was cancelled, aborted or failed cannot be changed");
		assertThat(AmendmentRules.refuseDevices("CampaignRequestPending")).isNull();
		assertThat(AmendmentRules.refuseDevices("CampaignQueued")).isNull();
		assertThat(AmendmentRules.refuseDevices("CampaignScheduled")).isEqualTo("it is CampaignScheduled: devices can"
				+ " be added or removed only while it is CampaignRequestPending or CampaignRequestQueued");
	}

	@Test
	void aChangeIsLaidOverTheCurrentScheduleSoThatThePutCarriesEveryField() {
		DateChange endOnly = new DateChange(null, LocalDate.parse("2030-03-01"), null, null, null, null);
		DateChange clearing = new DateChange(null, null, Optional.empty(), null, List.of(), null);

		assertThat(endOnly.applyTo(CURRENT)).isEqualTo(new CampaignDates(CURRENT.startDate(), LocalDate.parse("2030-03-01"),
				CURRENT.downloadAfterDate(), CURRENT.downloadTimeWindowList(), null, CURRENT.installTimeWindowList()));
		assertThat(clearing.applyTo(CURRENT)).isEqualTo(new CampaignDates(CURRENT.startDate(), CURRENT.endDate(), null,
				List.of(), null, CURRENT.installTimeWindowList()));
		assertThat(clearing.describe()).isEqualTo("--download-after none --download-windows none");
		assertThat(new DateChange(null, null, null, null, null, null).isEmpty()).isTrue();
	}

	@Test
	void localDatesAndWindowsAreConvertedAndWhatWasNotAskedStays() {
		DateChange evening = new DateChange(null, LocalDate.parse("2030-01-31"), null, null,
				List.of(new TimeWindow(17, 20)), null);

		DateChange.InApiZone utc = evening.inApiZone(ZoneId.of("America/Chicago"), ZoneOffset.UTC, vendor(), TODAY);

		assertThat(utc.change().downloadWindows()).containsExactly(new TimeWindow(0, 2), new TimeWindow(23, 24));
		assertThat(utc.change().endDate()).isEqualTo("2030-02-01");
		assertThat(utc.change().startDate()).isNull();
		assertThat(utc.change().installWindows()).isNull();
		assertThat(utc.daylightSavingWarnings()).isEmpty();
		assertThat(evening.inApiZone(ZoneOffset.UTC, ZoneOffset.UTC, vendor(), TODAY).change()).isSameAs(evening);
	}

	@Test
	void theScheduleTextReadsBackWhatItWrote() {
		String text = ScheduleText.format(CURRENT);

		assertThat(text).isEqualTo("2030-01-15..2030-02-15 download after 2030-01-16 in 1-5, install after - in 2-6");
		assertThat(ScheduleText.parse(text)).isEqualTo(CURRENT);
		assertThat(ScheduleText.same(CURRENT, new CampaignDates(CURRENT.startDate(), CURRENT.endDate(),
				CURRENT.downloadAfterDate(), List.of(new TimeWindow(1, 5), new TimeWindow(1, 5)), null,
				CURRENT.installTimeWindowList()))).as("the same windows listed twice").isTrue();
	}

	private static String refuse(CampaignDates target) {
		return AmendmentRules.refuseDates("CampaignRequestPending", CURRENT, target, TODAY);
	}

	private static CampaignDates change(String start, String end) {
		return new DateChange(start == null ? null : LocalDate.parse(start), end == null ? null : LocalDate.parse(end),
				null, null, null, null).applyTo(CURRENT);
	}

	private static Campaign vendor() {
		return new Campaign("id", "ACC", "wave", null, null, null, null, null, "HTTP", null, null, CURRENT.startDate(),
				CURRENT.endDate(), CURRENT.downloadAfterDate(), CURRENT.downloadTimeWindowList(), null,
				CURRENT.installTimeWindowList(), "CampaignRequestPending");
	}
}
