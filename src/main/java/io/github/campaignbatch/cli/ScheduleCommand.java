package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.RunOutcome;
import io.github.campaignbatch.application.RunReporter;
import io.github.campaignbatch.application.ScheduleTracking;
import io.github.campaignbatch.application.TimestampedLines;
import io.github.campaignbatch.application.JobRuns;
import io.github.campaignbatch.application.ScheduleRules;
import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.CronTicks;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.application.Failures;
import io.github.campaignbatch.inbox.FileNotTakenException;
import io.github.campaignbatch.inbox.FileOutcome;
import io.github.campaignbatch.inbox.Inbox;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.inbox.UnsafeFolderException;
import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.output.TerminalText;
import io.github.campaignbatch.output.UnsafeTargetException;
import io.github.campaignbatch.submission.SubmissionSettings;
import io.github.campaignbatch.thingspace.ProcessStop;
import io.github.campaignbatch.application.ApplicationFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.scheduling.support.CronExpression;

/**
 * {@code schedule}: processes every file dropped into an inbox folder, at each cron tick or once. At each tick it
 * first restarts the failed or stopped executions of files left in {@code processing/}, then claims each ready file,
 * smallest first, runs the job on it and moves it to {@code done/} or {@code failed/} (see {@link Inbox}).
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
		description = { "Process every *.csv/*.xlsx dropped into an inbox folder, at each cron tick or once.",
				"Each file is claimed into DIR/processing/ and moved with its report to DIR/done/, or to DIR/failed/ with a one-line <name>.error.txt.",
				"A failed run stays in processing/ and is restarted at the next tick, as does one that ended with campaigns in doubt (exit 5): no file waits for ThingSpace's history.",
				"Several instances may share an inbox: each file is processed by one of them (docs/operations.md)." })
class ScheduleCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	ScheduleCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

	/**
	 * A file in {@code processing/} with no run to restart this long after its claim is taken back into the inbox;
	 * another instance needs only seconds from its claim to the start of the job.
	 */
	static final Duration ORPHAN_GRACE = Duration.ofMinutes(10);

	/** How many recent job instances the restart pass looks at. */
	static final int INSTANCES_SCANNED = 500;

	@Option(names = "--inbox", required = true, paramLabel = "DIR", description = "The folder files are dropped into.")
	Path inbox;

	@Option(names = "--cron", paramLabel = "EXPR", defaultValue = "0 0 2 * * *",
			description = "When to look (Spring cron: second minute hour day month weekday, local time). Default: ${DEFAULT-VALUE}.")
	String cron;

	@Option(names = "--once", description = "Run one tick now and exit with its worst exit code (for cron, systemd timers, CronJobs).")
	boolean once;

	@Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "60",
			description = "A file modified within this many seconds may still be being written: it waits for the next tick. Default: ${DEFAULT-VALUE}.")
	long settleSeconds;

	@Option(names = "--no-restart-failed", negatable = false,
			description = "Do not restart the failed or stopped runs of files left in processing/ at the start of a tick.")
	boolean noRestartFailed;

	@Option(names = "--no-track", negatable = false,
			description = "Do not track the open campaigns of recent executions at each tick (see 'track').")
	boolean noTrack;

	@Mixin
	RunOptions run;

	@Mixin
	SendOptions send;

	@Spec
	CommandSpec spec;

	/** Held while a file is being processed, so that SIGTERM lets the file reach its folder before the JVM halts. */
	private final ReentrantLock busy = new ReentrantLock();

	private volatile boolean stopping;

	/** How long a stop waits for the current file: the job's own stop timeout, once a session has told it. */
	private volatile Duration stopPatience = Duration.ofMinutes(1);

	/** Where this command prints: the terminal, with a time on every line when it runs as a service. */
	private PrintWriter out;

	private PrintWriter err;

	@Override
	public Integer call() throws InterruptedException {
		this.send.requireAccount(this.run);
		this.run.rollout.policy();
		CronExpression schedule = parseCron();
		InputOptions.checkLength(this.inbox);
		if (!Files.isDirectory(this.inbox)) {
			throw new UsageException(this.inbox + ": no such folder");
		}
		boolean service = !this.once;
		// A service's own lines (== file, moved to done/, Next tick, summaries, errors) carry a time, as its log lines do.
		this.out = service ? TimestampedLines.of(this.spec.commandLine().getOut()) : this.spec.commandLine().getOut();
		this.err = service ? TimestampedLines.of(this.spec.commandLine().getErr()) : this.spec.commandLine().getErr();
		// A simulated schedule's reports say so in their names, as run --simulate's do.
		Inbox folder = new Inbox(this.inbox, Duration.ofSeconds(this.settleSeconds), Clock.systemUTC(), this.send.simulated());
		try {
			folder.prepare();
		}
		catch (UnsafeFolderException ex) {
			throw new UsageException(ex.getMessage());
		}
		Thread hook = new Thread(this::stopAfterCurrentFile, "schedule-stop");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			if (this.once) {
				return tick(folder, true);
			}
			// A service checks its database and credentials now, not first at the night's tick; it says once that a
			// simulator answers (each tick starts its own).
			try (Application checked = open(true)) {
				JobRuns.on(checked, this.out, this.err);
			}
			this.out.println("Watching " + folder.directory() + " (cron '" + this.cron + "'); SIGTERM stops after the current file");
			CronTicks ticks = new CronTicks(schedule, Clock.systemDefaultZone(), CronTicks.THREAD);
			while (!this.stopping) {
				ZonedDateTime next = ticks.next();
				this.out.println("Next tick at " + next);
				if (!ticks.waitFor(next, () -> this.stopping)) {
					break;
				}
				try {
					tick(folder, false);
				}
				catch (RuntimeException ex) {
					// A service outlives one bad tick (e.g. the database was down): the next tick tries again.
					this.err.println("error: tick failed: " + Failures.describe(ex));
				}
			}
			return ExitCodes.OK;
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException shuttingDown) {
				// The hook is running.
			}
		}
	}

	private Application open(boolean announceSimulator) {
		// A file whose campaigns are in doubt at the end of its run does not hold the others for a visibility horizon:
		// it ends IN_DOUBT, stays in processing/, and a later tick settles it.
		Application application = this.send.start(this.applications, this.run.logging.verbose,
				List.of(SubmissionSettings.WAIT_FOR_HORIZON + "=false"), announceSimulator, this.out);
		this.stopPatience = application.stopTimeout();
		return application;
	}

	private CronExpression parseCron() {
		try {
			return CronExpression.parse(this.cron);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("--cron '" + this.cron + "' is not a valid cron expression: " + ex.getMessage());
		}
	}

	/**
	 * One tick: restarts, then every ready file, then (unless {@code --no-track}, and not in a dry run) tracking of the
	 * open campaigns of recent executions. Returns the worst exit code of the files; tracking does not change it.
	 */
	int tick(Inbox folder, boolean announceSimulator) {
		List<Path> links = folder.notRegularFiles();
		if (!links.isEmpty()) {
			this.err.println("warning: " + shown(folder.directory()) + ": left alone, not regular files (links are never"
					+ " followed): " + String.join(", ", links.stream().map(link -> shown(link.getFileName())).toList()));
		}
		folder.prepare();
		int worst = processFiles(folder, announceSimulator);
		if (!this.noTrack && !this.send.dryRun && !this.stopping) {
			try {
				ScheduleTracking.trackOpen(this.applications, folder, this.send.simulate, this.run.logging.verbose, this.out, this.err);
			}
			catch (RuntimeException ex) {
				this.err.println("warning: tracking failed: " + Failures.describe(ex));
			}
		}
		return worst;
	}

	private int processFiles(Inbox folder, boolean announceSimulator) {
		boolean restarts = !this.noRestartFailed && !folder.inProcessing().isEmpty();
		if (!restarts && folder.ready().isEmpty()) {
			this.out.println(nothingToDo(folder));
			return ExitCodes.OK;
		}
		int worst = ExitCodes.OK;
		try (Application application = open(announceSimulator)) {
			JobRuns session = JobRuns.on(application, this.out, this.err).reportWhenComplete().rolloutFromConfiguration();
			if (!this.run.rollout.given()) {
				// a bad campaign.rollout.* stops the tick, naming the setting; the files wait in the inbox for its fix
				session.application().configuredRollout();
			}
			if (restarts) {
				for (JobExecution execution : restartable(session, folder)) {
					worst = ScheduleRules.worse(worst, restart(session, folder, execution));
				}
			}
			for (Inbox.Candidate candidate : folder.ready()) {
				if (this.stopping) {
					break;
				}
				this.busy.lock();
				try {
					var claimed = folder.claim(candidate);
					if (claimed.isPresent()) {
						worst = ScheduleRules.worse(worst, process(session, folder, claimed.get()));
					}
				}
				catch (FileNotTakenException ex) {
					worst = ScheduleRules.worse(worst, notTaken(folder, ex));
				}
				finally {
					this.busy.unlock();
				}
			}
		}
		return worst;
	}

	/**
	 * A file the inbox could not take (its owner, its permissions, a read error): to {@code failed/} with its reason
	 * when it was claimed, else left in the inbox with one warning; the tick goes on with the other files.
	 */
	private int notTaken(Inbox folder, FileNotTakenException ex) {
		if (!ex.claimed()) {
			this.err.println("warning: " + TerminalText.clean(ex.getMessage()));
			return ExitCodes.USAGE;
		}
		this.out.println();
		this.out.println("== " + shown(ex.file().getFileName()));
		this.err.println("error: " + TerminalText.clean(ex.getMessage()));
		return finish(folder, ex.file(), FileOutcome.UNREADABLE, ex.getMessage(), ExitCodes.USAGE);
	}

	/** "Nothing to do", or how many files wait for the settle time and when the last of them is ready. */
	static String nothingToDo(Inbox folder) {
		Map<Path, Instant> settling = folder.settling();
		if (settling.isEmpty()) {
			return "Nothing to do in " + folder.directory();
		}
		Instant readyAt = settling.values().stream().max(Comparator.naturalOrder()).orElseThrow();
		return "Nothing ready in " + folder.directory() + ": " + settling.size() + " file(s) modified within the last --settle"
				+ " seconds wait (" + String.join(", ", settling.keySet().stream().map(f -> shown(f.getFileName())).toList())
				+ "); ready from " + readyAt.atZone(ZoneId.systemDefault()).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)
				+ " if unchanged, at the first tick after that";
	}

	private int process(JobRuns session, Inbox folder, Path claimed) {
		this.out.println();
		this.out.println("== " + shown(claimed.getFileName()));
		InputOptions options = new InputOptions(claimed, folder.reportOf(claimed), this.run);
		RunOutcome outcome;
		try {
			checkNameFits(claimed);
			options.precheck(session.target().simulated(), this.err);
			outcome = session.run(options.request(session));
		}
		catch (UsageException ex) {
			this.err.println("error: " + TerminalText.clean(ex.getMessage()));
			return finish(folder, claimed, FileOutcome.UNREADABLE, ex.getMessage(), ExitCodes.USAGE);
		}
		catch (RuntimeException ex) {
			// Nothing was decided about this file (e.g. the database went away): it goes back for the next tick.
			this.err.println("error: " + Failures.describe(ex));
			return finish(folder, claimed, FileOutcome.RETRY, null, ExitCodes.FAILED);
		}
		return finish(folder, claimed, ScheduleRules.fileOutcome(outcome.exitCode(), FileOutcome.RETRY), outcome.reason(), outcome.exitCode());
	}

	/** Refuses a name with no room for its longest report name (see {@link Inbox#longestCompanionOf}). */
	private static void checkNameFits(Path claimed) {
		try {
			SafeFiles.checkName(Inbox.longestCompanionOf(claimed));
		}
		catch (UnsafeTargetException ex) {
			throw new UsageException("report: " + ex.getMessage());
		}
	}

	private int restart(JobRuns session, Inbox folder, JobExecution execution) {
		Path input = CampaignJobParameters.inputFile(execution.getJobParameters());
		this.out.println();
		this.out.println("== " + shown(input.getFileName()) + ": restarting execution " + execution.getId() + " ("
				+ execution.getStatus() + ")");
		this.busy.lock();
		try {
			RunOutcome outcome = session.restart(execution);
			// Another process running it now keeps it: it stays in processing/.
			return finish(folder, input, ScheduleRules.fileOutcome(outcome.exitCode(), FileOutcome.RESTARTABLE), outcome.reason(),
					outcome.exitCode());
		}
		catch (RuntimeException ex) {
			this.err.println("error: " + Failures.describe(ex));
			return ExitCodes.FAILED;
		}
		finally {
			this.busy.unlock();
		}
	}

	private int finish(Inbox folder, Path claimed, FileOutcome outcome, String reason, int exitCode) {
		Path now = folder.finish(claimed, outcome, outcome == FileOutcome.UNREADABLE ? reason : null);
		this.out.println(shown(claimed.getFileName()) + ": " + switch (outcome) {
			case DONE -> "moved to " + shown(folder.directory().relativize(now)) + ", report "
					+ shown(folder.directory().relativize(folder.reportOf(now)));
			case UNREADABLE -> "moved to " + shown(folder.directory().relativize(now)) + ", reason in "
					+ shown(folder.directory().relativize(now.resolveSibling(now.getFileName() + Inbox.ERROR_SUFFIX)));
			case RESTARTABLE -> exitCode == ExitCodes.IN_DOUBT
					? "stays in " + Inbox.PROCESSING + "/ with campaigns in doubt; a later tick settles them"
					: "stays in " + Inbox.PROCESSING + "/ and is restarted at the next tick";
			case RETRY -> "back in the inbox for the next tick";
		});
		return exitCode;
	}

	/**
	 * The last execution of each job instance whose input file lies in {@code processing/} and that did not
	 * complete: failed, stopped, or left running by a process that died ({@link Application#unfinished}). An execution of
	 * the other target (simulated while this schedule sends for real, or the reverse) is never restarted here: it is
	 * left alone with one line, and its file stays in {@code processing/} for a schedule of its own target. A dry run's
	 * execution is not this schedule's either. Files in {@code processing/} with no run at all go back to the inbox
	 * after {@link #ORPHAN_GRACE} ({@link Inbox#returnOrphans}).
	 */
	private List<JobExecution> restartable(JobRuns session, Inbox folder) {
		List<JobExecution> found = new ArrayList<>();
		Set<Path> seen = new HashSet<>();
		for (JobExecution last : session.application().unfinished(INSTANCES_SCANNED)) {
			Path input = CampaignJobParameters.inputFile(last.getJobParameters());
			if (!input.getParent().equals(folder.processing()) || !Files.exists(input) || seen.contains(input)) {
				continue;
			}
			RunTarget target = RunTarget.of(last.getJobParameters());
			if (target.mayRestart(session.target())) {
				seen.add(input);
				found.add(last);
			}
			else if (!target.dryRun() && !session.target().dryRun()) {
				seen.add(input);
				this.out.println(shown(folder.directory().relativize(input)) + ": " + RunReporter.otherTarget(last, session.target()));
			}
		}
		for (Path returned : folder.returnOrphans(seen, ORPHAN_GRACE)) {
			this.out.println(shown(folder.directory().relativize(returned)) + ": claimed over " + ORPHAN_GRACE.toMinutes()
					+ " minutes ago and no run to restart; back in the inbox");
		}
		return found;
	}

	/** A file name as printed: from whoever dropped the file, so cleaned of control characters. */
	private static String shown(Path path) {
		return TerminalText.clean(path.toString());
	}

	/**
	 * SIGTERM: no further file is started; the running job stops after its chunk (GracefulShutdown). Waits for the
	 * file no longer than the job's own stop does: once that gives up, the process ends, and with it every call to
	 * ThingSpace (the next tick recovers the run).
	 */
	private void stopAfterCurrentFile() {
		this.stopping = true;
		ProcessStop.request();
		try {
			if (this.busy.tryLock(this.stopPatience.toMillis(), TimeUnit.MILLISECONDS)) {
				this.busy.unlock();
			}
			else {
				this.err.println("warning: the current file did not finish within " + this.stopPatience.toSeconds()
						+ " s of the stop; exiting now: it stays in " + Inbox.PROCESSING + "/ and the next tick recovers it");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
