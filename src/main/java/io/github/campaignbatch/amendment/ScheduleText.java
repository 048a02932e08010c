package io.github.campaignbatch.amendment;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.thingspace.CampaignDates;

/**
 * A campaign's schedule as one line of text, for the amendment ledger and the operator: what it was, what was asked,
 * and, read back, what a change whose answer was lost must be compared with.
 */
final class ScheduleText {

	private static final String NONE = "-";

	private ScheduleText() {
	}

	/** {@code 2030-01-15..2030-02-15 download after 2030-01-16 in 2-4;22-24, install after - in -}. */
	static String format(CampaignDates dates) {
		return dates.startDate() + ".." + dates.endDate() + " download after " + text(dates.downloadAfterDate()) + " in "
				+ windows(dates.downloadTimeWindowList()) + ", install after " + text(dates.installAfterDate()) + " in "
				+ windows(dates.installTimeWindowList());
	}

	/** Reads what {@link #format} wrote. */
	static CampaignDates parse(String text) {
		String[] halves = text.split(", install after ");
		String[] download = halves[0].split(" download after | in ");
		String[] install = halves[1].split(" in ");
		String[] range = download[0].split("\\.\\.");
		return new CampaignDates(LocalDate.parse(range[0]), LocalDate.parse(range[1]), date(download[1]),
				windowsOf(download[2]), date(install[0]), windowsOf(install[1]));
	}

	/** Whether two schedules are the same, whatever order the vendor lists the windows in. */
	static boolean same(CampaignDates a, CampaignDates b) {
		return Objects.equals(a.startDate(), b.startDate()) && Objects.equals(a.endDate(), b.endDate())
				&& Objects.equals(a.downloadAfterDate(), b.downloadAfterDate())
				&& Objects.equals(a.installAfterDate(), b.installAfterDate())
				&& sorted(a.downloadTimeWindowList()).equals(sorted(b.downloadTimeWindowList()))
				&& sorted(a.installTimeWindowList()).equals(sorted(b.installTimeWindowList()));
	}

	static List<TimeWindow> sorted(List<TimeWindow> windows) {
		return windows.stream().distinct()
			.sorted(Comparator.comparingInt(TimeWindow::startHour).thenComparingInt(TimeWindow::endHour))
			.toList();
	}

	static String windows(List<TimeWindow> windows) {
		return windows.isEmpty() ? NONE : TimeWindow.format(sorted(windows));
	}

	private static String text(LocalDate date) {
		return date == null ? NONE : date.toString();
	}

	private static LocalDate date(String text) {
		return NONE.equals(text) ? null : LocalDate.parse(text);
	}

	private static List<TimeWindow> windowsOf(String text) {
		return NONE.equals(text) ? List.of() : TimeWindow.parseStored(text);
	}
}
