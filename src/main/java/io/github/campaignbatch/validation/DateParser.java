package io.github.campaignbatch.validation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads date cells: ISO {@code YYYY-MM-DD} always (spreadsheet date cells arrive in that form), dates with an
 * English month name ({@code 25 Dec 2030}, {@code 25-Dec-2030}, {@code December 25, 2030}), which cannot be
 * misread, and the operator's own pattern when one was named with {@code --date-format}. Parsing is strict:
 * 2026-02-30 is not a date. Numeric dates other than ISO ({@code 01/02/2030}) are never guessed: whether that
 * is January or February depends on the country, so it takes {@code --date-format}.
 */
public final class DateParser {

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	/** Day, English month name and year: the order is clear whatever the operator's country. */
	private static final List<DateTimeFormatter> MONTH_NAMES = List.of(strict("d MMM uuuu"), strict("d MMMM uuuu"),
			strict("d-MMM-uuuu"), strict("MMM d, uuuu"), strict("MMMM d, uuuu"));

	private static final int MAX_REMEMBERED = 4096;

	private final DateTimeFormatter custom;

	private final Map<String, Optional<LocalDate>> parsed = new ConcurrentHashMap<>();

	private final String expected;

	/** @param pattern a {@link DateTimeFormatter} pattern such as {@code dd/MM/yyyy}, or {@code null} */
	public DateParser(String pattern) {
		if (pattern == null || pattern.isBlank()) {
			this.custom = null;
			this.expected = "YYYY-MM-DD (or with an English month name, e.g. 25 Dec 2030)";
		}
		else {
			// STRICT resolving needs the proleptic year 'u'; operators naturally write 'yyyy'.
			this.custom = strict(pattern.replace('y', 'u'));
			this.expected = pattern + " or YYYY-MM-DD";
		}
	}

	private static DateTimeFormatter strict(String pattern) {
		return new DateTimeFormatterBuilder().parseCaseInsensitive()
			.appendPattern(pattern)
			.toFormatter(Locale.ENGLISH)
			.withResolverStyle(ResolverStyle.STRICT);
	}

	/**
	 * Checks a pattern before any row is read, so a typo is a usage error, not a million invalid rows. Besides
	 * invalid syntax it refuses patterns that would misread dates: without a day, month or year, with
	 * minutes ({@code mm}) or other time fields where the month or day was meant, with the week-based year
	 * {@code YYYY} or day-of-year {@code DD}, or with a two-digit year.
	 * @throws IllegalArgumentException with a one-line reason
	 */
	public static void checkPattern(String pattern) {
		DateTimeFormatter.ofPattern(pattern.replace('y', 'u'));
		String letters = patternLetters(pattern);
		if (letters.contains("Y")) {
			throw new IllegalArgumentException("'Y' is the week-based year, which differs from the calendar year "
					+ "around New Year: use yyyy");
		}
		if (letters.contains("D")) {
			throw new IllegalArgumentException("'D' is the day of the year: use dd for the day of the month");
		}
		if (letters.contains("m")) {
			throw new IllegalArgumentException("'m' is minutes: use MM for the month");
		}
		for (char time : "aBhHkKsSnNAVzZOXxQq".toCharArray()) {
			if (letters.indexOf(time) >= 0) {
				throw new IllegalArgumentException("'" + time + "' is not part of a calendar date: dates are whole "
						+ "days, use only d, M and y");
			}
		}
		if (!letters.contains("d") || !(letters.contains("M") || letters.contains("L"))
				|| !(letters.contains("y") || letters.contains("u"))) {
			throw new IllegalArgumentException("it must have a day (d), a month (M) and a year (y), "
					+ "e.g. dd/MM/yyyy");
		}
		if (yearDigits(pattern) == 2) {
			throw new IllegalArgumentException("a two-digit year (yy) is ambiguous: use yyyy and four-digit years");
		}
	}

	/** The pattern letters of a pattern, quoted literals left out. */
	private static String patternLetters(String pattern) {
		StringBuilder letters = new StringBuilder();
		boolean quoted = false;
		for (char c : pattern.toCharArray()) {
			if (c == '\'') {
				quoted = !quoted;
			}
			else if (!quoted && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
				letters.append(c);
			}
		}
		return letters.toString();
	}

	private static int yearDigits(String pattern) {
		String letters = patternLetters(pattern).replace('u', 'y');
		int first = letters.indexOf('y');
		int count = 0;
		for (int i = first; i >= 0 && i < letters.length() && letters.charAt(i) == 'y'; i++) {
			count++;
		}
		return count;
	}

	/** The date, or {@code null} when the text is not a date in an accepted format. */
	public LocalDate parse(String text) {
		// the rows of one campaign repeat its dates: a million rows hold a few thousand distinct date texts
		Optional<LocalDate> known = this.parsed.get(text);
		if (known == null) {
			if (this.parsed.size() >= MAX_REMEMBERED) {
				this.parsed.clear();
			}
			known = Optional.ofNullable(parseUncached(text));
			this.parsed.put(text, known);
		}
		return known.orElse(null);
	}

	private LocalDate parseUncached(String text) {
		LocalDate date = parse(text, ISO);
		if (date == null && this.custom != null) {
			date = parse(text, this.custom);
		}
		// only text with a letter in it can hold a month name: numeric dates skip these attempts
		if (date == null && text.chars().anyMatch(Character::isLetter)) {
			for (int i = 0; date == null && i < MONTH_NAMES.size(); i++) {
				date = parse(text, MONTH_NAMES.get(i));
			}
		}
		return date;
	}

	private static LocalDate parse(String text, DateTimeFormatter format) {
		try {
			return LocalDate.parse(text, format);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The accepted formats, for error messages. */
	public String expected() {
		return this.expected;
	}
}
