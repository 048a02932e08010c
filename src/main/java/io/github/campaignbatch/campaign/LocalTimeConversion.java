package io.github.campaignbatch.campaign;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Dates and hour windows written in a local time zone, turned into the API's zone ({@code thingspace.time-zone},
 * UTC by default), which is how the vendor reads them.
 * <ul>
 * <li>Windows move by the difference between the two zones at the campaign's first local hour; a window that
 * crosses midnight in the API's zone becomes two (17-20 in America/Chicago in January is 23-24 and 0-2 UTC). A
 * zone whose offset is not whole hours widens each window to whole hours around it.</li>
 * <li>Dates are widened so that every local window lies inside them: the start (and the after-dates) is the API's
 * date of the first local hour of that day, the end the API's date of the last one. An empty window list means
 * every hour.</li>
 * <li>The vendor's windows are fixed hours: a campaign that spans a daylight-saving change of either zone gets a
 * warning naming the hour that moves and what its windows become in local time afterwards.</li>
 * </ul>
 */
public final class LocalTimeConversion {

	private static final int HOUR = 3600;

	private static final int DAY_HOURS = 24;

	private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

	/**
	 * @param schedule in the API's zone, its {@link Schedule#timeZone()} the local zone
	 * @param daylightSavingWarnings one line per clock change within the campaign; empty when none
	 */
	public record Result(Schedule schedule, List<String> daylightSavingWarnings) {
	}

	private LocalTimeConversion() {
	}

	/**
	 * The zone named by an operator: an IANA region name such as {@code America/Chicago}, or {@code UTC}.
	 * Abbreviations such as {@code CST} are refused: several zones share them.
	 *
	 * @throws IllegalArgumentException with a message fit for the operator
	 */
	public static ZoneId zone(String name) {
		String text = name == null ? "" : name.strip();
		try {
			return ZoneId.of(text);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("'" + (text.length() <= 40 ? text : text.substring(0, 40) + "...")
					+ "' is not a time zone: use an IANA name such as America/Chicago, Europe/Berlin or UTC");
		}
	}

	/** Whether a schedule written in {@code zone} needs converting at all: not when it keeps the API's own rules. */
	public static boolean differs(ZoneId zone, ZoneId apiZone) {
		return zone != null && !zone.normalized().equals(apiZone.normalized());
	}

	/** Converts a schedule whose dates and windows are written in {@code zone} into {@code apiZone}. */
	public static Result toApiZone(Schedule local, ZoneId zone, ZoneId apiZone) {
		List<TimeWindow> download = local.downloadTimeWindows();
		List<TimeWindow> install = local.installTimeWindows();
		int firstHour = firstHour(download, install);
		int endHour = endHour(download, install);
		Instant first = at(local.startDate(), firstHour, zone);
		Instant end = at(local.endDate(), endHour, zone);
		LocalDate startDate = dateIn(first, apiZone);
		int shift = shiftSeconds(zone, apiZone, first);
		Schedule converted = new Schedule(local.distributionType(), startDate, dateIn(end.minusSeconds(1), apiZone),
				afterDate(local.downloadAfterDate(), firstHour, zone, apiZone, startDate), shift(download, shift),
				afterDate(local.installAfterDate(), firstHour, zone, apiZone, startDate), shift(install, shift),
				zone.getId());
		return new Result(converted, daylightSaving(zone, apiZone, first, end, shift, download, install));
	}

	/**
	 * The API's windows that hold the given local ones, shifted by {@code shiftSeconds} (the API's offset minus
	 * the local one), split at midnight and merged where they touch.
	 */
	public static List<TimeWindow> shift(List<TimeWindow> windows, int shiftSeconds) {
		List<int[]> ranges = new ArrayList<>();
		for (TimeWindow window : windows) {
			int start = Math.floorDiv(window.startHour() * HOUR + shiftSeconds, HOUR);
			int end = -Math.floorDiv(-(window.endHour() * HOUR + shiftSeconds), HOUR);
			if (end - start >= DAY_HOURS) {
				ranges.add(new int[] { 0, DAY_HOURS });
				continue;
			}
			int from = Math.floorMod(start, DAY_HOURS);
			int to = from + (end - start);
			if (to <= DAY_HOURS) {
				ranges.add(new int[] { from, to });
			}
			else {
				ranges.add(new int[] { from, DAY_HOURS });
				ranges.add(new int[] { 0, to - DAY_HOURS });
			}
		}
		ranges.sort(Comparator.comparingInt(range -> range[0]));
		List<TimeWindow> merged = new ArrayList<>();
		int[] current = null;
		for (int[] range : ranges) {
			if (current != null && range[0] <= current[1]) {
				current[1] = Math.max(current[1], range[1]);
				continue;
			}
			if (current != null) {
				merged.add(new TimeWindow(current[0], current[1]));
			}
			current = range.clone();
		}
		if (current != null) {
			merged.add(new TimeWindow(current[0], current[1]));
		}
		return merged;
	}

	/** The API's offset minus the local one at that instant: what a local hour gains in the API's zone. */
	public static int shiftSeconds(ZoneId zone, ZoneId apiZone, Instant at) {
		return offset(apiZone, at).getTotalSeconds() - offset(zone, at).getTotalSeconds();
	}

	/** The earliest local hour a device may act on: 0 when either list is empty (any hour). */
	static int firstHour(List<TimeWindow> download, List<TimeWindow> install) {
		if (download.isEmpty() || install.isEmpty()) {
			return 0;
		}
		int first = DAY_HOURS;
		for (List<TimeWindow> windows : List.of(download, install)) {
			for (TimeWindow window : windows) {
				first = Math.min(first, window.startHour());
			}
		}
		return first;
	}

	/** The local hour the last window ends: 24 when either list is empty (any hour). */
	static int endHour(List<TimeWindow> download, List<TimeWindow> install) {
		if (download.isEmpty() || install.isEmpty()) {
			return DAY_HOURS;
		}
		int end = 0;
		for (List<TimeWindow> windows : List.of(download, install)) {
			for (TimeWindow window : windows) {
				end = Math.max(end, window.endHour());
			}
		}
		return end;
	}

	/** The instant a local date's hour begins; hour 24 is the next day's midnight; a skipped hour moves forward. */
	public static Instant at(LocalDate date, int hour, ZoneId zone) {
		LocalDateTime local = hour >= DAY_HOURS ? date.plusDays(1).atStartOfDay() : date.atTime(LocalTime.of(hour, 0));
		return ZonedDateTime.of(local, zone).toInstant();
	}

	private static LocalDate dateIn(Instant instant, ZoneId zone) {
		return LocalDate.ofInstant(instant, zone);
	}

	private static LocalDate afterDate(LocalDate local, int firstHour, ZoneId zone, ZoneId apiZone, LocalDate start) {
		if (local == null) {
			return null;
		}
		LocalDate date = dateIn(at(local, firstHour, zone), apiZone);
		return date.isBefore(start) ? start : date;
	}

	private static ZoneOffset offset(ZoneId zone, Instant at) {
		return zone.getRules().getOffset(at);
	}

	/** One warning per clock change of either zone between the campaign's first and last local hour. */
	private static List<String> daylightSaving(ZoneId zone, ZoneId apiZone, Instant first, Instant end, int shift,
			List<TimeWindow> download, List<TimeWindow> install) {
		List<ZoneOffsetTransition> changes = new ArrayList<>();
		List<ZoneId> whose = new ArrayList<>();
		for (ZoneId changing : List.of(zone, apiZone)) {
			ZoneRules rules = changing.getRules();
			for (ZoneOffsetTransition transition = rules.nextTransition(first); transition != null
					&& transition.getInstant().isBefore(end); transition = rules.nextTransition(transition.getInstant())) {
				changes.add(transition);
				whose.add(changing);
			}
		}
		List<String> warnings = new ArrayList<>();
		for (int i = 0; i < changes.size(); i++) {
			ZoneOffsetTransition change = changes.get(i);
			int after = shiftSeconds(zone, apiZone, change.getInstant());
			if (after == shift) {
				continue;
			}
			warnings.add(describe(whose.get(i), change) + "; the windows were converted at " + offsetName(zone, first)
					+ ", so from then on they open " + hours(shift - after) + " in " + zone.getId() + " time"
					+ movedWindows(download, install, shift, after));
		}
		return warnings;
	}

	private static String describe(ZoneId changing, ZoneOffsetTransition change) {
		LocalDateTime before = change.getDateTimeBefore();
		return changing.getId() + " changes from " + name(change.getOffsetBefore()) + " to " + name(change.getOffsetAfter())
				+ " on " + before.toLocalDate() + " at " + HOUR_MINUTE.format(before) + " (clocks go "
				+ (change.isGap() ? "forward" : "back") + " to " + HOUR_MINUTE.format(change.getDateTimeAfter()) + ")";
	}

	/** "one hour later", "30 minutes earlier". */
	private static String hours(int seconds) {
		int minutes = Math.abs(seconds) / 60;
		String amount = minutes % 60 == 0 ? (minutes == 60 ? "one hour" : minutes / 60 + " hours") : minutes + " minutes";
		return amount + (seconds > 0 ? " later" : " earlier");
	}

	/** What the local windows become once the clocks changed, e.g. " (downloadTimeWindows 17-20 become 18-21)". */
	private static String movedWindows(List<TimeWindow> download, List<TimeWindow> install, int shift, int after) {
		List<String> moved = new ArrayList<>();
		if (!download.isEmpty()) {
			moved.add("downloadTimeWindows " + TimeWindow.format(download) + " become "
					+ TimeWindow.format(shift(shift(download, shift), -after)));
		}
		if (!install.isEmpty()) {
			moved.add("installTimeWindows " + TimeWindow.format(install) + " become "
					+ TimeWindow.format(shift(shift(install, shift), -after)));
		}
		return moved.isEmpty() ? "" : " (" + String.join(", ", moved) + ")";
	}

	private static String offsetName(ZoneId zone, Instant at) {
		return name(offset(zone, at));
	}

	private static String name(ZoneOffset offset) {
		return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
	}
}
