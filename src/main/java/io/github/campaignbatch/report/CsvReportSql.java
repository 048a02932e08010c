package io.github.campaignbatch.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.IntPredicate;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import io.github.campaignbatch.output.TerminalText;
import io.github.campaignbatch.staging.StagedInstance;

/**
 * The CSV report's lines as one DuckDB expression, so that the staging engine writes the report itself
 * ({@code COPY ... TO}) instead of handing a million rows to Java one by one. It states in SQL exactly what the Java
 * writer does per line ({@link ResultsReportWriter}, {@link ReportLine#cells}): the outcome of
 * {@link DeviceOutcome#ofEntry}, the wave column's rule, {@code statusAt} as {@link java.time.Instant#toString}
 * prints it, {@link TerminalText#clean} and {@link FormulaEscaping#escape} per cell, and opencsv's quoting
 * ({@code writeNext(cells, false)}: a cell holding a quote, a comma or a line break is quoted, its quotes doubled).
 * <p>
 * The character classes are read from this JVM's own {@link Character} tables through the Java rules' predicates,
 * so both writers agree on every code point. {@code CsvReportSqlEquivalenceTest} proves the two files equal byte
 * for byte.
 * <p>
 * Two things the SQL cannot state exactly, so the Java writer writes those reports ({@link #forZone} and
 * {@link #FIRST_PRINTABLE_TIME}): the Java writer reads a device's status time back through
 * {@link java.sql.Timestamp}, i.e. in this JVM's time zone, so a zone whose offset changes (summer time) would need
 * the zone rules in SQL; and a time before 1900 or past 9999 (the calendar of {@code java.sql.Timestamp}, and the
 * year's width).
 */
final class CsvReportSql {

	/** Status times the SQL prints exactly: from here... */
	static final java.time.LocalDateTime FIRST_PRINTABLE_TIME = java.time.LocalDateTime.parse("1900-01-02T00:00:00");

	/** ...to before here (a day's margin on both sides for the zone's offset). */
	static final java.time.LocalDateTime END_OF_PRINTABLE_TIMES = java.time.LocalDateTime.parse("9999-12-31T00:00:00");

	private final int offsetSeconds;

	private final String statusAt;

	/** The row number's cell: digits, or empty for a device amend added. */
	private static final String ROW = "CASE WHEN row_no > 0 THEN CAST(row_no AS VARCHAR) ELSE '' END";

	private static final String OUTCOME = outcomeSql();

	private CsvReportSql(int offsetSeconds) {
		this.offsetSeconds = offsetSeconds;
		this.statusAt = statusAtSql();
	}

	/** The SQL for a JVM in {@code zone}; empty when the zone's offset changes over the year. */
	static Optional<CsvReportSql> forZone(ZoneId zone) {
		if (!zone.getRules().isFixedOffset()) {
			return Optional.empty();
		}
		ZoneOffset offset = zone.getRules().getOffset(java.time.Instant.EPOCH);
		return Optional.of(new CsvReportSql(offset.getTotalSeconds()));
	}

	/** The SQL for a report that holds no device status time, in any zone: its {@code statusAt} cells are empty. */
	static CsvReportSql withoutStatusTimes() {
		return new CsvReportSql(0);
	}

	/** The header line, as opencsv writes it (without the line end). */
	static String header(boolean waves) {
		StringWriter text = new StringWriter();
		try (ICSVWriter csv = new CSVWriterBuilder(text).withLineEnd("").build()) {
			csv.writeNext(ReportLine.header(waves), false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	/**
	 * A query over the report's rows ({@code rows}: the staging's outcome rows, with their sort keys {@code added,
	 * row_no, seq, imei}) giving those keys and each row's CSV line.
	 * <p>
	 * Nearly every row takes a short way: when one regular expression over its cells finds no character outside
	 * printable ASCII, no cell beginning with spaces and a formula sign and no quote or comma, the cells are written as
	 * they are (nothing to clean, escape or quote). Every other row gets the full treatment, in steps so that each
	 * cell's value is worked out once: cleaned, then escaped, then quoted. The short way's test may take a row for
	 * the full treatment that needed none (a {@code |} it joins the cells with), never the other way round.
	 */
	String lines(String rows, boolean waves) {
		// cells that need nothing by the way they are made: digits, an outcome's name, an ISO-8601 time
		List<String> plainByMake = List.of(ROW, OUTCOME, this.statusAt);
		List<String> raw = rawCells(waves);
		StringJoiner values = new StringJoiner(", ");
		StringJoiner joined = new StringJoiner(", ");
		StringJoiner list = new StringJoiner(", ", "[", "]");
		// concat: one string built per line (a || b || c builds each step's); a NULL is empty
		StringJoiner asTheyAre = new StringJoiner(", ',', ", "concat(", ")");
		for (int i = 0; i < raw.size(); i++) {
			values.add(raw.get(i) + " AS v" + i);
			if (!plainByMake.contains(raw.get(i))) {
				joined.add("v" + i);
			}
			list.add("v" + i);
			asTheyAre.add("v" + i);
		}
		// each step once per cell: a lambda's parameter is the cell worked out by the step before
		String treated = "array_to_string(list_transform(list_transform(list_transform(" + list + ", v -> " + clean("v")
				+ "), c -> " + escape("c") + "), e -> " + quote("e") + "), ',')";
		String needsTreatment = "regexp_matches(concat_ws('|', " + joined + "), " + StagedInstance.literal(NEEDS_TREATMENT) + ")";
		return "SELECT added, row_no, seq, imei, CASE WHEN " + needsTreatment + " THEN " + treated + " ELSE " + asTheyAre
				+ " END AS line FROM (SELECT added, row_no, seq, imei, " + values + " FROM (" + rows + "))";
	}

	/**
	 * What in a row's cells joined by {@code |} needs more than writing them as they are: a character outside printable
	 * ASCII (one to clean, or one a spreadsheet may skip or take for a sign), a cell's start ({@code ^} or after the
	 * {@code |}) with the printable ASCII a spreadsheet skips and a sign, or a character opencsv quotes.
	 */
	private static final String NEEDS_TREATMENT = "[^" + characterClass(c -> c >= 0x20 && c <= 0x7e).substring(1) + "|(^|\\|)"
			+ characterClass(c -> c >= 0x20 && c <= 0x7e && FormulaEscaping.isSkippedBeforeAFormula((char) c)) + "*"
			+ characterClass(c -> c >= 0x20 && c <= 0x7e && FormulaEscaping.FORMULA_SIGNS.indexOf(c) >= 0) + "|[\",]";

	/** {@link ReportLine#cells(boolean)} in SQL, from the columns of the staging's outcome rows. */
	private List<String> rawCells(boolean waves) {
		List<String> cells = new ArrayList<>(List.of(ROW, "imei", "account", "campaign_name", "file_name", "file_version",
				OUTCOME, "remote_id", "error_code", "error_message",
				"CASE WHEN state = 'SCHEDULED' THEN vendor_status ELSE '' END", "device_status", "result_reason",
				this.statusAt));
		if (waves) {
			// a device turned away by validation or grouping is in no wave; one taken out (pre-flight, amend) was
			cells.add(4, "CASE WHEN status IN ('VALID', 'REJECTED', 'REMOVED') THEN CAST(wave_no AS VARCHAR) ELSE '' END");
		}
		return cells;
	}

	/**
	 * {@link DeviceOutcome#ofEntry}: a valid entry's campaign state where {@link DeviceOutcome#ofCampaignState} maps
	 * the state to its own name, UNKNOWN for any other state.
	 */
	private static String outcomeSql() {
		StringJoiner sameName = new StringJoiner(", ");
		for (DeviceOutcome outcome : DeviceOutcome.values()) {
			if (DeviceOutcome.ofCampaignState(outcome.name()) == outcome) {
				sameName.add(StagedInstance.literal(outcome.name()));
			}
		}
		return "CASE WHEN status <> 'VALID' THEN status WHEN state IS NULL THEN 'PLANNED' WHEN state IN (" + sameName
				+ ") THEN state ELSE 'UNKNOWN' END";
	}

	/**
	 * {@link java.time.Instant#toString} of the time the Java writer reads: the stored local time taken in this JVM's
	 * zone, in UTC; seconds always, then the fraction in groups of three digits as needed (microseconds at most).
	 */
	private String statusAtSql() {
		String utc = this.offsetSeconds == 0 ? "status_at" : "(status_at - to_seconds(" + this.offsetSeconds + "))";
		String micros = "(microsecond(" + utc + ") % 1000000)";
		return "CASE WHEN status_at IS NULL THEN '' ELSE strftime(" + utc + ", '%Y-%m-%dT%H:%M:%S') || CASE WHEN " + micros
				+ " = 0 THEN '' WHEN " + micros + " % 1000 = 0 THEN '.' || lpad(CAST(" + micros
				+ " // 1000 AS VARCHAR), 3, '0') ELSE '.' || lpad(CAST(" + micros + " AS VARCHAR), 6, '0') END || 'Z' END";
	}

	/** {@link TerminalText#clean}: a line break or tab becomes a space, any other control or format character '?'. */
	private static String clean(String cell) {
		return "regexp_replace(regexp_replace(COALESCE(" + cell + ", ''), " + StagedInstance.literal(characterClass(TerminalText::isShownAsSpace))
				+ ", ' ', 'g'), " + StagedInstance.literal(characterClass(TerminalText::isUnsafe)) + ", '"
				+ TerminalText.REPLACEMENT + "', 'g')";
	}

	/**
	 * {@link FormulaEscaping#escape} of a cleaned cell: an apostrophe before a tab or carriage return first, or a
	 * formula sign after what a spreadsheet skips. Java looks at UTF-16 chars: the skipped ones and the signs are all
	 * in the Basic Multilingual Plane, where a char is a code point, and a character beyond it stops both.
	 */
	private static String escape(String cell) {
		String formula = "^(" + characterClass(c -> c == '\t' || c == '\r') + "|"
				+ characterClass(c -> c <= Character.MAX_VALUE && !Character.isSurrogate((char) c)
						&& FormulaEscaping.isSkippedBeforeAFormula((char) c))
				+ "*" + characterClass(c -> c <= Character.MAX_VALUE && FormulaEscaping.FORMULA_SIGNS.indexOf(c) >= 0) + ")";
		return "CASE WHEN regexp_matches(" + cell + ", " + StagedInstance.literal(formula) + ") THEN '''' || " + cell + " ELSE " + cell
				+ " END";
	}

	/**
	 * opencsv's {@code writeNext(cells, false)} of one cell: quoted when it holds a quote (also its escape character),
	 * a comma or a line break, each quote doubled; an empty cell stays empty.
	 */
	private static String quote(String cell) {
		return "CASE WHEN contains(" + cell + ", '\"') OR contains(" + cell + ", ',') OR contains(" + cell
				+ ", chr(10)) OR contains(" + cell + ", chr(13)) THEN '\"' || replace(" + cell + ", '\"', '\"\"') || '\"' ELSE "
				+ cell + " END";
	}

	/** An RE2 class of the code points {@code member} holds, as ranges of {@code \x{...}} escapes. */
	static String characterClass(IntPredicate member) {
		StringBuilder ranges = new StringBuilder("[");
		int c = 0;
		while (c <= Character.MAX_CODE_POINT) {
			if (!member.test(c) || isSurrogate(c)) {
				c++;
				continue;
			}
			int first = c;
			while (c + 1 <= Character.MAX_CODE_POINT && member.test(c + 1) && !isSurrogate(c + 1)) {
				c++;
			}
			ranges.append(escaped(first));
			if (c > first) {
				ranges.append('-').append(escaped(c));
			}
			c++;
		}
		return ranges.append(']').toString();
	}

	/** A UTF-16 surrogate is no character of a DuckDB (UTF-8) string. */
	private static boolean isSurrogate(int c) {
		return c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE;
	}

	private static String escaped(int codePoint) {
		return "\\x{" + Integer.toHexString(codePoint) + "}";
	}
}
