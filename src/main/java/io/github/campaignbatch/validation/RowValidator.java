package io.github.campaignbatch.validation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.campaignbatch.campaign.CampaignKey;
import io.github.campaignbatch.campaign.CampaignNames;
import io.github.campaignbatch.campaign.LocalTimeConversion;
import io.github.campaignbatch.campaign.Schedule;
import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.output.TerminalText;

/**
 * Validates one input row into its device entries. Row-level problems (a missing fileName, a bad date...)
 * mark every device of the row; device-level problems (a bad IMEI) mark only that device. Rules that need
 * other rows (duplicates, conflicting schedules, overlapping campaigns) are the grouping step's.
 */
public final class RowValidator {

	/** The widest text the staging table keeps per column; longer cells are rejected, not truncated. */
	public static final int MAX_TEXT_LENGTH = 255;

	/** IMEI tokens are kept up to this length, so that a mistyped one still shows in the report. */
	public static final int MAX_IMEI_LENGTH = 100;

	private static final Set<String> DISTRIBUTION_TYPES = Set.of("OMA", "HTTP");

	/** Daylight-saving warnings kept for the summary; a file with more says so in the last one. */
	static final int MAX_WARNINGS = 20;

	/** Distinct rows (but their IMEIs) whose outcome is remembered: a file has one or a few per campaign. */
	private static final int MAX_REMEMBERED_ROWS = 10_000;

	/** Distinct local schedules whose conversion is remembered; a file rarely has more than a handful. */
	private static final int MAX_CONVERSIONS = 10_000;

	private final String defaultAccount;

	private final LocalDate today;

	private final DateParser dates;

	private final String inputSha256;

	private final ZoneId defaultZone;

	private final ZoneId apiZone;

	private final Map<String, LocalTimeConversion.Result> conversions = new HashMap<>();

	private final Map<RowCells, RowOutcome> outcomes = new HashMap<>();

	private final Set<String> warnings = new LinkedHashSet<>();

	private final Set<String> warnedCampaigns = new HashSet<>();

	private long warningsLeftOut;

	/**
	 * A validator for files written in the API's zone, UTC.
	 *
	 * @param defaultAccount the account for rows without one ({@code --account}), or {@code null}
	 * @param today the date before which a campaign may not start (UTC)
	 * @param dates how date cells are read
	 * @param inputSha256 the input file's hash, which generated campaign names carry
	 */
	public RowValidator(String defaultAccount, LocalDate today, DateParser dates, String inputSha256) {
		this(defaultAccount, today, dates, inputSha256, null, ZoneOffset.UTC);
	}

	/**
	 * @param defaultZone the zone of rows without a {@code timeZone} ({@code --time-zone}), or {@code null}: such rows
	 * are in the API's zone
	 * @param apiZone the zone the vendor reads dates and windows in ({@code thingspace.time-zone})
	 */
	public RowValidator(String defaultAccount, LocalDate today, DateParser dates, String inputSha256, ZoneId defaultZone,
			ZoneId apiZone) {
		this.defaultAccount = defaultAccount == null || defaultAccount.isBlank() ? null : defaultAccount.strip();
		this.today = today;
		this.dates = dates;
		this.inputSha256 = inputSha256;
		this.defaultZone = defaultZone;
		this.apiZone = apiZone;
	}

	/**
	 * One line per campaign whose local windows span a daylight-saving change, in the order met; at most
	 * {@value #MAX_WARNINGS}, the last saying how many more there were.
	 */
	public List<String> warnings() {
		List<String> all = new ArrayList<>(this.warnings);
		if (this.warningsLeftOut > 0) {
			all.add("... and " + this.warningsLeftOut + " more campaign(s) spanning a daylight-saving change");
		}
		return all;
	}

	public List<DeviceEntry> validate(InputRow row) {
		RowCells cells = new RowCells(row);
		RowOutcome outcome = this.outcomes.get(cells);
		if (outcome == null) {
			outcome = rowOutcome(row);
			if (this.outcomes.size() >= MAX_REMEMBERED_ROWS) {
				this.outcomes.clear();
			}
			this.outcomes.put(cells, outcome);
		}
		return devices(row, outcome.account(), outcome.campaignName(), outcome.fileName(), outcome.fileVersion(),
				outcome.schedule(), outcome.campaignKey(), outcome.problem());
	}

	/**
	 * Everything a row's devices share, which depends on its cells but the IMEI's only: the same cells give the same
	 * outcome (a daylight-saving warning is given once per campaign anyway), so it is worked out once per distinct
	 * row of a campaign, not once per row.
	 */
	private RowOutcome rowOutcome(InputRow row) {
		List<Problem> problems = new ArrayList<>();
		String account = row.get(Column.ACCOUNT).isEmpty() ? this.defaultAccount : row.get(Column.ACCOUNT);
		if (account == null) {
			problems.add(new Problem(ErrorCode.MISSING_ACCOUNT,
					"no account: fill the account column or run with --account"));
		}
		String fileName = required(row, Column.FILE_NAME, problems);
		String fileVersion = required(row, Column.FILE_VERSION, problems);
		String distributionType = distributionType(row, problems);
		LocalDate startDate = date(row, Column.START_DATE, true, problems);
		LocalDate endDate = date(row, Column.END_DATE, true, problems);
		LocalDate downloadAfter = date(row, Column.DOWNLOAD_AFTER_DATE, false, problems);
		LocalDate installAfter = date(row, Column.INSTALL_AFTER_DATE, false, problems);
		List<TimeWindow> downloadWindows = timeWindows(row, Column.DOWNLOAD_TIME_WINDOWS, problems);
		List<TimeWindow> installWindows = timeWindows(row, Column.INSTALL_TIME_WINDOWS, problems);
		ZoneId zone = zone(row, problems);
		checkDates(startDate, endDate, downloadAfter, installAfter, problems);
		for (Column column : new Column[] { Column.ACCOUNT, Column.CAMPAIGN_NAME, Column.FILE_NAME, Column.FILE_VERSION }) {
			if (row.get(column).length() > MAX_TEXT_LENGTH) {
				problems.add(new Problem(ErrorCode.VALUE_TOO_LONG, column.headerName() + " is longer than "
						+ MAX_TEXT_LENGTH + " characters: shorten it"));
			}
			// These go to ThingSpace and into every log and summary line: no character that steers a terminal.
			int unsafe = TerminalText.firstUnsafe(row.get(column));
			if (unsafe >= 0) {
				problems.add(new Problem(ErrorCode.CONTROL_CHARACTER, column.headerName() + " holds the control character "
						+ TerminalText.describe(unsafe) + ": remove it (control characters, line breaks and invisible"
						+ " formatting such as ESC, BEL, backspace or U+202E are not allowed)"));
			}
		}

		Problem rowProblem = combine(problems);
		String campaignName = row.get(Column.CAMPAIGN_NAME);
		Schedule schedule = null;
		String campaignKey = null;
		if (rowProblem == null) {
			if (campaignName.isEmpty()) {
				campaignName = CampaignNames.generated(fileName, fileVersion, startDate, this.inputSha256);
			}
			schedule = new Schedule(distributionType, startDate, endDate, downloadAfter, downloadWindows, installAfter,
					installWindows);
			campaignKey = CampaignKey.of(account, fileName, fileVersion, campaignName);
			if (LocalTimeConversion.differs(zone, this.apiZone)) {
				schedule = inApiZone(schedule, zone, campaignName, campaignKey);
				if (schedule.endDate().isBefore(this.today)) {
					rowProblem = new Problem(ErrorCode.DATE_IN_PAST, "endDate " + endDate + " in " + zone.getId()
							+ " ends before today (" + this.today + ") in " + this.apiZone.getId()
							+ ": choose later dates");
					schedule = null;
					campaignKey = null;
				}
			}
		}
		return new RowOutcome(account, campaignName, fileName, fileVersion, schedule, campaignKey, rowProblem);
	}

	private record RowOutcome(String account, String campaignName, String fileName, String fileVersion,
			Schedule schedule, String campaignKey, Problem problem) {
	}

	/** A row's cells but the IMEI's, the key of its {@link RowOutcome}. */
	private static final class RowCells {

		private static final Column[] COLUMNS = EnumSet.complementOf(EnumSet.of(Column.IMEI)).toArray(new Column[0]);

		private final String[] values = new String[COLUMNS.length];

		private final int hash;

		RowCells(InputRow row) {
			int hashed = 1;
			for (int i = 0; i < COLUMNS.length; i++) {
				this.values[i] = row.get(COLUMNS[i]);
				hashed = 31 * hashed + this.values[i].hashCode();
			}
			this.hash = hashed;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof RowCells cells && cells.hash == this.hash && Arrays.equals(cells.values, this.values);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}
	}

	/** The row's zone, {@code --time-zone}'s, or {@code null} (the API's zone). */
	private ZoneId zone(InputRow row, List<Problem> problems) {
		String cell = row.get(Column.TIME_ZONE);
		if (cell.isEmpty()) {
			return this.defaultZone;
		}
		try {
			return LocalTimeConversion.zone(cell);
		}
		catch (IllegalArgumentException ex) {
			problems.add(new Problem(ErrorCode.INVALID_TIME_ZONE, Column.TIME_ZONE.headerName() + " " + ex.getMessage()));
			return null;
		}
	}

	/**
	 * The schedule in the API's zone. Its start never falls before today: the local day began in the API's yesterday,
	 * whose hours are past, and the vendor refuses a start date in the past.
	 */
	private Schedule inApiZone(Schedule local, ZoneId zone, String campaignName, String campaignKey) {
		String key = local.signature() + "|" + zone.getId();
		LocalTimeConversion.Result result = this.conversions.get(key);
		if (result == null) {
			if (this.conversions.size() >= MAX_CONVERSIONS) {
				this.conversions.clear();
			}
			result = LocalTimeConversion.toApiZone(local, zone, this.apiZone);
			this.conversions.put(key, result);
		}
		if (!result.daylightSavingWarnings().isEmpty() && this.warnedCampaigns.size() < MAX_CONVERSIONS
				&& this.warnedCampaigns.add(campaignKey + "|" + key)) {
			for (String warning : result.daylightSavingWarnings()) {
				warn("campaign '" + campaignName + "': " + warning);
			}
		}
		Schedule converted = result.schedule();
		if (!converted.startDate().isBefore(this.today)) {
			return converted;
		}
		return new Schedule(converted.distributionType(), this.today, converted.endDate(),
				notBefore(converted.downloadAfterDate()), converted.downloadTimeWindows(),
				notBefore(converted.installAfterDate()), converted.installTimeWindows(), converted.timeZone());
	}

	private LocalDate notBefore(LocalDate date) {
		return date == null || !date.isBefore(this.today) ? date : this.today;
	}

	private void warn(String warning) {
		if (this.warnings.size() < MAX_WARNINGS) {
			this.warnings.add(warning);
		}
		else if (!this.warnings.contains(warning)) {
			this.warningsLeftOut++;
		}
	}

	private List<DeviceEntry> devices(InputRow row, String account, String campaignName, String fileName,
			String fileVersion, Schedule schedule, String campaignKey, Problem rowProblem) {
		List<String> tokens = Imeis.split(row.get(Column.IMEI));
		String accountText = account == null ? "" : clip(account);
		if (tokens.isEmpty()) {
			Problem problem = rowProblem != null ? rowProblem
					: new Problem(ErrorCode.MISSING_FIELD, "imei is empty: enter one IMEI, or several separated by ';'");
			return List.of(new DeviceEntry(row.rowNumber(), 1, "", accountText, clip(campaignName), clip(fileName),
					clip(fileVersion), null, null, problem));
		}
		List<DeviceEntry> entries = new ArrayList<>(tokens.size());
		int seq = 0;
		for (String token : tokens) {
			String imei = Imeis.normalize(token);
			Problem problem = rowProblem;
			if (problem == null) {
				String imeiProblem = Imeis.problem(imei);
				if (imeiProblem != null) {
					problem = new Problem(ErrorCode.INVALID_IMEI, imeiProblem);
				}
			}
			entries.add(new DeviceEntry(row.rowNumber(), ++seq,
					imei.length() <= MAX_IMEI_LENGTH ? imei : imei.substring(0, MAX_IMEI_LENGTH), accountText, clip(campaignName),
					clip(fileName), clip(fileVersion), problem == null ? schedule : null,
					problem == null ? campaignKey : null, problem));
		}
		return entries;
	}

	private static String required(InputRow row, Column column, List<Problem> problems) {
		String value = row.get(column);
		if (value.isEmpty()) {
			problems.add(new Problem(ErrorCode.MISSING_FIELD, column.headerName() + " is empty: it is required"));
		}
		return value;
	}

	private static String distributionType(InputRow row, List<Problem> problems) {
		String value = required(row, Column.DISTRIBUTION_TYPE, problems);
		if (value.isEmpty()) {
			return null;
		}
		String upper = value.toUpperCase(Locale.ROOT);
		if (!DISTRIBUTION_TYPES.contains(upper)) {
			problems.add(new Problem(ErrorCode.INVALID_DISTRIBUTION_TYPE,
					"distributionType '" + clipForMessage(value) + "' is not OMA or HTTP"));
			return null;
		}
		return upper;
	}

	private LocalDate date(InputRow row, Column column, boolean required, List<Problem> problems) {
		String value = required ? required(row, column, problems) : row.get(column);
		if (value.isEmpty()) {
			return null;
		}
		LocalDate date = this.dates.parse(value);
		if (date == null) {
			problems.add(new Problem(ErrorCode.INVALID_DATE, column.headerName() + " '" + clipForMessage(value)
					+ "' is not a date in the format " + this.dates.expected()
					+ ": fix the cell, or name the format with --date-format"));
		}
		return date;
	}

	private void checkDates(LocalDate start, LocalDate end, LocalDate downloadAfter, LocalDate installAfter,
			List<Problem> problems) {
		if (start != null && start.isBefore(this.today)) {
			problems.add(new Problem(ErrorCode.DATE_IN_PAST,
					"startDate " + start + " is before today (" + this.today + ", UTC): choose a later start date"));
		}
		if (start == null || end == null) {
			return;
		}
		if (end.isBefore(start)) {
			problems.add(new Problem(ErrorCode.DATE_ORDER, "endDate " + end + " is before startDate " + start));
		}
		checkWithin("downloadAfterDate", downloadAfter, start, end, problems);
		checkWithin("installAfterDate", installAfter, start, end, problems);
		if (downloadAfter != null && installAfter != null && installAfter.isBefore(downloadAfter)) {
			problems.add(new Problem(ErrorCode.DATE_ORDER,
					"installAfterDate " + installAfter + " is before downloadAfterDate " + downloadAfter));
		}
	}

	private static void checkWithin(String name, LocalDate date, LocalDate start, LocalDate end, List<Problem> problems) {
		if (date != null && (date.isBefore(start) || date.isAfter(end))) {
			problems.add(new Problem(ErrorCode.DATE_ORDER,
					name + " " + date + " is outside the campaign's dates " + start + " to " + end));
		}
	}

	private static List<TimeWindow> timeWindows(InputRow row, Column column, List<Problem> problems) {
		String value = row.get(column);
		List<TimeWindow> windows = new ArrayList<>();
		if (value.isEmpty()) {
			return windows;
		}
		for (String pair : value.split(";")) {
			TimeWindow window = timeWindow(pair.strip());
			if (window == null) {
				problems.add(new Problem(ErrorCode.INVALID_TIME_WINDOW, column.headerName() + " '" + clipForMessage(value)
						+ "' is not a list of hour windows like 2-4;22-24 (start 0-23, end 1-24, start before end)"));
				return List.of();
			}
			windows.add(window);
		}
		return windows;
	}

	private static TimeWindow timeWindow(String pair) {
		int dash = pair.indexOf('-');
		if (dash <= 0 || dash == pair.length() - 1) {
			return null;
		}
		try {
			int start = Integer.parseInt(pair.substring(0, dash).strip());
			int end = Integer.parseInt(pair.substring(dash + 1).strip());
			return new TimeWindow(start, end);
		}
		catch (IllegalArgumentException ex) {
			// Not numbers, or out of range: both are the same mistake for the operator.
			return null;
		}
	}

	/** One problem for the row: the first one's code, every message, so the operator fixes all in one go. */
	private static Problem combine(List<Problem> problems) {
		if (problems.isEmpty()) {
			return null;
		}
		if (problems.size() == 1) {
			return problems.get(0);
		}
		StringBuilder message = new StringBuilder();
		for (Problem problem : problems) {
			if (!message.isEmpty()) {
				message.append("; ");
			}
			message.append(problem.message());
		}
		return new Problem(problems.get(0).code(), message.toString());
	}

	private static String clip(String text) {
		return text == null ? "" : (text.length() <= MAX_TEXT_LENGTH ? text : text.substring(0, MAX_TEXT_LENGTH));
	}

	private static String clipForMessage(String text) {
		return text.length() <= 40 ? text : text.substring(0, 40) + "...";
	}
}
