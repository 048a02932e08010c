package io.github.campaignbatch.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An hourly window during which devices may download or install: open while
 * {@code startHour <= current hour < endHour}, as the vendor defines it.
 */
public record TimeWindow(int startHour, int endHour) {

	public static final int MAX_START_HOUR = 23;

	public static final int MAX_END_HOUR = 24;

	public TimeWindow {
		if (startHour < 0 || startHour > MAX_START_HOUR || endHour < 1 || endHour > MAX_END_HOUR || startHour >= endHour) {
			throw new IllegalArgumentException("invalid time window " + startHour + "-" + endHour);
		}
	}

	@Override
	public String toString() {
		return this.startHour + "-" + this.endHour;
	}

	/** The documented cell format: {@code H-H} pairs separated by {@code ;}, e.g. {@code 2-4;22-24}. */
	public static String format(List<TimeWindow> windows) {
		return windows.stream().map(TimeWindow::toString).collect(Collectors.joining(";"));
	}

	/** Parses what {@link #format} writes; the input is trusted (it was validated before it was stored). */
	public static List<TimeWindow> parseStored(String text) {
		List<TimeWindow> windows = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return windows;
		}
		for (String pair : text.split(";")) {
			int dash = pair.indexOf('-');
			windows.add(new TimeWindow(Integer.parseInt(pair.substring(0, dash)), Integer.parseInt(pair.substring(dash + 1))));
		}
		return windows;
	}
}
