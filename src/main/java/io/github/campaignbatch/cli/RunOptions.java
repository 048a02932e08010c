package io.github.campaignbatch.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.github.campaignbatch.campaign.LocalTimeConversion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How an input is read and validated: the options {@code validate}, {@code run} and {@code schedule} share (a picocli
 * mixin, declared once).
 */
class RunOptions {

	@Option(names = "--account", paramLabel = "ACC",
			description = "ThingSpace account for rows without an account column value.")
	String account;

	@Option(names = "--sheet", paramLabel = "NAME", description = "XLSX sheet to read. Default: the first visible sheet.")
	String sheet;

	@Option(names = "--date-format", paramLabel = "PATTERN",
			description = "Another accepted date pattern besides YYYY-MM-DD, e.g. dd/MM/yyyy.")
	String dateFormat;

	@Option(names = "--today", paramLabel = "YYYY-MM-DD", converter = IsoDate.class,
			description = "The date start dates are checked against (UTC). Default: today.")
	LocalDate today;

	@Option(names = "--time-zone", paramLabel = "ZONE", converter = Zone.class,
			description = "The time zone (IANA name, e.g. America/Chicago) the dates and windows of rows without a"
					+ " timeZone value are written in. Default: the API's zone (thingspace.time-zone, UTC).")
	ZoneId timeZone;

	@Mixin
	VerboseOption logging;

	ZoneId timeZone() {
		return this.timeZone;
	}

	@Mixin
	RolloutOptions rollout = new RolloutOptions();

	LocalDate todayOrNow() {
		return this.today != null ? this.today : LocalDate.now(ZoneOffset.UTC);
	}

	boolean hasAccount() {
		return this.account != null && !this.account.isBlank();
	}

	/** {@code --time-zone} takes an IANA zone name; anything else is a one-line usage error. */
	static final class Zone implements ITypeConverter<ZoneId> {

		@Override
		public ZoneId convert(String value) {
			try {
				return LocalTimeConversion.zone(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}
	}

	/** {@code --today} takes an ISO date; anything else is the usual one-line usage error, not a parser's exception. */
	static final class IsoDate implements ITypeConverter<LocalDate> {

		@Override
		public LocalDate convert(String value) {
			try {
				return LocalDate.parse(value.strip());
			}
			catch (DateTimeParseException ex) {
				throw new TypeConversionException("'" + value + "' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30");
			}
		}
	}
}
