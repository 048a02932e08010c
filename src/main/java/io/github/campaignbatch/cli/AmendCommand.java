package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.Tracking;
import io.github.campaignbatch.application.CampaignChoice;
import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.amendment.CampaignAmender;
import io.github.campaignbatch.amendment.CampaignAmender.Plan;
import io.github.campaignbatch.amendment.CampaignAmender.Verdict;
import io.github.campaignbatch.amendment.DateChange;
import io.github.campaignbatch.amendment.DeviceRequest;
import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.input.InputFileException;
import io.github.campaignbatch.output.TerminalText;
import io.github.campaignbatch.tracking.TrackedCampaign;
import io.github.campaignbatch.application.ApplicationFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code amend}: changes the dates, windows and devices of scheduled campaigns within the vendor's rules. Every
 * selected campaign is read first; what the vendor would refuse is refused here, one line per campaign, and what the
 * campaign already is is not sent again.
 */
@Command(name = "amend", mixinStandardHelpOptions = true,
		description = { "Change the dates, time windows or devices of the scheduled campaigns of an execution, or of some of them.",
				"Each campaign is read first: a change ThingSpace would refuse is refused here (before the start: any dates and"
						+ " windows; once started: only an end date at least 24 hours away and more windows; devices only while"
						+ " the campaign is pending). What a campaign already is is not sent again: repeating it is harmless.",
				"Asks for confirmation unless --yes. Exit codes: 0 done (or nothing to do), 1 some campaign refused or not"
						+ " changed, 2 usage or no confirmation, 3 done but some devices were left out." })
class AmendCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	AmendCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

	/** Devices listed in one line at most; the rest are counted. */
	private static final int DEVICES_LISTED = 10;

	@Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution (see 'status').")
	long executionId;

	@Option(names = "--campaign", paramLabel = "NAME_OR_ID",
			description = "Only this campaign (its name or ThingSpace id); repeatable. Default: every scheduled campaign.")
	List<String> campaigns = new ArrayList<>();

	@Option(names = "--start-date", paramLabel = "YYYY-MM-DD", converter = RunOptions.IsoDate.class,
			description = "The new start date (before the campaign starts only).")
	LocalDate startDate;

	@Option(names = "--end-date", paramLabel = "YYYY-MM-DD", converter = RunOptions.IsoDate.class,
			description = "The new end date (once started: at least 24 hours from now).")
	LocalDate endDate;

	@Option(names = "--download-after", paramLabel = "YYYY-MM-DD|none", converter = DateOrNone.Converter.class,
			description = "The new downloadAfterDate, or none.")
	DateOrNone downloadAfter;

	@Option(names = "--install-after", paramLabel = "YYYY-MM-DD|none", converter = DateOrNone.Converter.class,
			description = "The new installAfterDate, or none.")
	DateOrNone installAfter;

	@Option(names = "--download-windows", paramLabel = "LIST|none", converter = WindowsOrNone.class,
			description = "The new download windows, e.g. 2-4;22-24, or none (once started: the current ones plus more).")
	List<TimeWindow> downloadWindows;

	@Option(names = "--install-windows", paramLabel = "LIST|none", converter = WindowsOrNone.class,
			description = "The new install windows, e.g. 2-4;22-24, or none (once started: the current ones plus more).")
	List<TimeWindow> installWindows;

	@Option(names = "--add", paramLabel = "FILE",
			description = "Devices to add (while the campaign is pending): one IMEI per line, or a CSV/XLSX with an imei column.")
	Path add;

	@Option(names = "--remove", paramLabel = "FILE",
			description = "Devices to remove (while the campaign is pending): one IMEI per line, or a CSV/XLSX with an imei column.")
	Path remove;

	@Option(names = "--time-zone", paramLabel = "ZONE", converter = RunOptions.Zone.class,
			description = "The time zone (IANA name) the dates and windows above are written in; converted to the API's zone"
					+ " (thingspace.time-zone) as the input's are. Default: the API's zone.")
	ZoneId timeZone;

	@Option(names = "--today", paramLabel = "YYYY-MM-DD", converter = RunOptions.IsoDate.class,
			description = "The date the vendor's rules are checked against (the API's zone). Default: today.")
	LocalDate today;

	@Option(names = "--dry-run", description = "Read the campaigns and list what would change; send nothing.")
	boolean dryRun;

	@Option(names = "--yes", description = "Do not ask for confirmation.")
	boolean yes;

	@Mixin
	VerboseOption logging;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		DateChange dates = new DateChange(this.startDate, this.endDate, DateOrNone.asked(this.downloadAfter),
				DateOrNone.asked(this.installAfter), this.downloadWindows, this.installWindows);
		if (dates.isEmpty() && this.add == null && this.remove == null) {
			throw new UsageException("nothing to change: give --start-date, --end-date, --download-after, --install-after,"
					+ " --download-windows, --install-windows, --add or --remove");
		}
		DeviceRequest devices = devices();
		try (Application application = this.applications.start(this.logging.verbose)) {
			JobExecution execution = application.execution(this.executionId);
			List<TrackedCampaign> selected = CampaignChoice.select(this.executionId,
					application.tracking().scheduled(execution.getJobInstanceId()), this.campaigns);
			if (selected.isEmpty()) {
				out.println("Nothing to change: execution " + this.executionId + " has no scheduled campaign.");
				return ExitCodes.OK;
			}
			if (this.add != null && selected.size() > 1) {
				throw new UsageException("--add adds devices to one campaign, and execution " + this.executionId + " has "
						+ selected.size() + " scheduled: name it with --campaign");
			}
			ZoneId apiZone = application.apiTimeZone();
			CampaignAmender.Request request = new CampaignAmender.Request(dates, this.timeZone, apiZone, devices,
					this.today != null ? this.today : LocalDate.now(apiZone));
			int exitCode;
			try (Application api = this.applications.api(RunTarget.of(execution.getJobParameters()).simulated(), application,
					this.logging.verbose)) {
				exitCode = amend(api.amender(), selected, request, out, err);
			}
			Tracking.refreshReport(application, execution);
			return exitCode;
		}
	}

	private int amend(CampaignAmender amender, List<TrackedCampaign> selected, CampaignAmender.Request request,
			PrintWriter out, PrintWriter err) {
		boolean leftOut = !request.devices().leftOut().isEmpty();
		for (String line : request.devices().leftOut()) {
			out.println("left out: " + TerminalText.clean(line));
		}
		List<Plan> plans = new ArrayList<>();
		boolean refused = false;
		Set<String> removable = new LinkedHashSet<>();
		for (TrackedCampaign campaign : selected) {
			Plan plan = amender.plan(campaign, request);
			plans.add(plan);
			refused |= plan.refused();
			leftOut |= !plan.heldElsewhere().isEmpty();
			list(plan, out, err);
			removable.addAll(request.devices().remove().stream().filter(imei -> !plan.notIn().contains(imei)).toList());
		}
		List<String> nowhere = request.devices().remove().stream().filter(imei -> !removable.contains(imei)).toList();
		if (!nowhere.isEmpty()) {
			out.println("not in " + (selected.size() == 1 ? CampaignAmender.describe(selected.get(0))
					: "any selected campaign") + ", nothing to remove: " + listed(nowhere));
		}
		int exitCode = refused ? ExitCodes.FAILED : leftOut ? ExitCodes.REJECTED : ExitCodes.OK;
		List<Plan> toSend = plans.stream().filter(Plan::sendsAnything).toList();
		if (toSend.isEmpty()) {
			out.println("Nothing to send for execution " + this.executionId + ".");
			return exitCode;
		}
		if (this.dryRun) {
			out.println("Dry run: nothing sent.");
			return exitCode;
		}
		if (!this.yes && !CampaignChoice.confirmed(out, "Change " + toSend.size() + " campaign(s) of execution "
				+ this.executionId + "?", "amend")) {
			out.println("Nothing changed.");
			return exitCode;
		}
		String command = commandLine();
		for (Plan plan : toSend) {
			CampaignAmender.Result result = amender.apply(plan, command);
			result.done().forEach(line -> out.println(TerminalText.clean(line)));
			for (String error : result.errors()) {
				err.println("error: " + TerminalText.clean(error));
				exitCode = ExitCodes.FAILED;
			}
		}
		return exitCode;
	}

	/** What the plan found for one campaign: one line per kind of change, and what it settled on the way. */
	private void list(Plan plan, PrintWriter out, PrintWriter err) {
		String campaign = TerminalText.clean(CampaignAmender.describe(plan.campaign()));
		String would = this.dryRun ? "would " : "to ";
		if (plan.unreadable() != null) {
			err.println("error: cannot read " + campaign + ": " + TerminalText.clean(plan.unreadable())
					+ "; nothing was sent to it: run the same command again");
			return;
		}
		plan.settled().forEach(line -> out.println("settled: " + TerminalText.clean(line)));
		plan.warnings().forEach(line -> err.println("warning: " + TerminalText.clean(line)));
		switch (plan.dates()) {
			case SEND -> out.println(would + "change the dates of " + campaign + ": " + schedule(plan.current()) + " -> "
					+ schedule(plan.target()));
			case ALREADY -> out.println("dates already as asked: " + campaign + " (not sent)");
			case REFUSED -> err.println("error: cannot change the dates of " + campaign + ": "
					+ TerminalText.clean(plan.datesRefusal()));
			case NONE -> {
			}
		}
		switch (plan.devices()) {
			case SEND -> out.println(would + "add " + plan.add().size() + " and remove " + plan.remove().size()
					+ " device(s) of " + campaign);
			case ALREADY -> out.println("devices already as asked: " + campaign + " (not sent)");
			case REFUSED -> err.println("error: cannot add or remove devices of " + campaign + ": "
					+ TerminalText.clean(plan.devicesRefusal()));
			case NONE -> {
			}
		}
		if (plan.devices() != Verdict.NONE && !plan.alreadyIn().isEmpty()) {
			out.println("already in " + campaign + ", not sent again: " + listed(plan.alreadyIn()));
		}
		for (Map.Entry<String, String> held : plan.heldElsewhere().entrySet()) {
			out.println("left out: " + held.getKey() + " ALREADY_IN_ACTIVE_CAMPAIGN " + TerminalText.clean(held.getValue()));
		}
	}

	private DeviceRequest devices() {
		if (this.add == null && this.remove == null) {
			return DeviceRequest.NONE;
		}
		try {
			return DeviceRequest.read(this.add, this.remove, null);
		}
		catch (InputFileException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	/** The command as typed, kept with each change in the ledger (no option of it takes a secret). */
	private String commandLine() {
		List<String> words = new ArrayList<>();
		// the arguments of the whole command line, the command's name among them
		for (String arg : this.spec.commandLine().getParseResult().originalArgs()) {
			words.add(arg.isEmpty() || arg.chars().anyMatch(Character::isWhitespace) ? "'" + arg + "'" : arg);
		}
		return TerminalText.clean(String.join(" ", words));
	}

	private static String schedule(io.github.campaignbatch.thingspace.CampaignDates dates) {
		return dates.startDate() + ".." + dates.endDate() + " (download after " + text(dates.downloadAfterDate())
				+ " in " + windows(dates.downloadTimeWindowList()) + ", install after " + text(dates.installAfterDate())
				+ " in " + windows(dates.installTimeWindowList()) + ")";
	}

	private static String text(LocalDate date) {
		return date == null ? "-" : date.toString();
	}

	private static String windows(List<TimeWindow> windows) {
		return windows.isEmpty() ? "any hour" : TimeWindow.format(windows);
	}

	private static String listed(List<String> imeis) {
		return imeis.size() <= DEVICES_LISTED ? String.join(", ", imeis)
				: String.join(", ", imeis.subList(0, DEVICES_LISTED)) + " and " + (imeis.size() - DEVICES_LISTED) + " more";
	}

	/** {@code YYYY-MM-DD}, or {@code none} to clear the date ({@code date} {@code null}). */
	record DateOrNone(LocalDate date) {

		static final class Converter implements ITypeConverter<DateOrNone> {

			@Override
			public DateOrNone convert(String value) {
				return new DateOrNone("none".equalsIgnoreCase(value.strip()) ? null : new RunOptions.IsoDate().convert(value));
			}
		}

		/** {@code null} when the option was not given, else the date asked for, or none. */
		static Optional<LocalDate> asked(DateOrNone option) {
			return option == null ? null : Optional.ofNullable(option.date());
		}
	}

	/** Hour windows as the input writes them ({@code 2-4;22-24}), or {@code none}. */
	static final class WindowsOrNone implements ITypeConverter<List<TimeWindow>> {

		@Override
		public List<TimeWindow> convert(String value) {
			if ("none".equalsIgnoreCase(value.strip())) {
				return List.of();
			}
			List<TimeWindow> windows = new ArrayList<>();
			for (String pair : value.split(";")) {
				String[] hours = pair.strip().split("-");
				try {
					if (hours.length != 2) {
						throw new IllegalArgumentException(pair);
					}
					windows.add(new TimeWindow(Integer.parseInt(hours[0].strip()), Integer.parseInt(hours[1].strip())));
				}
				catch (RuntimeException ex) {
					throw new TypeConversionException("'" + value + "' is not a list of hour windows like 2-4;22-24 (start"
							+ " 0-23, end 1-24, start before end), nor none");
				}
			}
			return windows;
		}
	}
}
