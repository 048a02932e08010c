package io.github.campaignbatch.validation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Reads date cells: ISO {@code YYYY-MM-DD} always (spreadsheet date cells arrive in that form), and the
 * operator's own pattern when one was named with {@code --date-format}. Parsing is strict: 2026-02-30 is
 * not a date.
 */
public final class DateParser {

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private final DateTimeFormatter custom;

	private final String expected;

	/** @param pattern a {@link DateTimeFormatter} pattern such as {@code dd/MM/yyyy}, or {@code null} */
	public DateParser(String pattern) {
		if (pattern == null || pattern.isBlank()) {
			this.custom = null;
			this.expected = "YYYY-MM-DD";
		}
		else {
			// STRICT resolving needs the proleptic year 'u'; operators naturally write 'yyyy'.
			this.custom = DateTimeFormatter.ofPattern(pattern.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
			this.expected = pattern + " or YYYY-MM-DD";
		}
	}

	/** Checks a pattern before any row is read, so a typo is a usage error, not a million invalid rows. */
	public static void checkPattern(String pattern) {
		DateTimeFormatter.ofPattern(pattern.replace('y', 'u'));
	}

	/** The date, or {@code null} when the text is not a date in an accepted format. */
	public LocalDate parse(String text) {
		try {
			return LocalDate.parse(text, ISO);
		}
		catch (DateTimeParseException isoFailure) {
			if (this.custom == null) {
				return null;
			}
			try {
				return LocalDate.parse(text, this.custom);
			}
			catch (DateTimeParseException customFailure) {
				return null;
			}
		}
	}

	/** The accepted formats, for error messages. */
	public String expected() {
		return this.expected;
	}
}
