package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.TimestampedLines;
import io.github.campaignbatch.application.JobRuns;
import io.github.campaignbatch.application.ScheduleTick;
import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.CronTicks;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.application.Failures;
import io.github.campaignbatch.inbox.Inbox;
import io.github.campaignbatch.inbox.UnsafeFolderException;
import io.github.campaignbatch.submission.SubmissionSettings;
import io.github.campaignbatch.thingspace.ProcessStop;
import io.github.campaignbatch.application.ApplicationFactory;
import io.github.campaignbatch.input.InputFingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

	/** One tick: the files of the inbox, run as these options say ({@link ScheduleTick}). */
	int tick(Inbox folder, boolean announceSimulator) {
		ScheduleTick.Options options = new ScheduleTick.Options(!this.noRestartFailed, !this.noTrack && !this.send.dryRun,
				this.send.simulate, this.run.logging.verbose, this.run.rollout.given());
		ScheduleTick.FileRun asOptionsSay = (runs, claimed, report) -> {
			InputOptions file = new InputOptions(claimed, report, this.run);
			InputFingerprint.Pending fingerprint = file.precheck(runs.target().simulated(), this.err);
			return runs.run(file.request(runs), fingerprint);
		};
		return new ScheduleTick(this.applications, options, this::open, asOptionsSay, this.busy, () -> this.stopping,
				this.out, this.err).run(folder, announceSimulator);
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
