package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.github.campaignbatch.inbox.FileOutcome;
import io.github.campaignbatch.inbox.Inbox;
import io.github.campaignbatch.job.CampaignJobConfiguration;
import io.github.campaignbatch.job.CampaignJobParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.scheduling.support.CronExpression;

/**
 * {@code schedule}: processes every file dropped into an inbox folder, at each cron tick or once. At each tick it
 * first restarts the failed or stopped executions of files left in {@code processing/}, then claims each ready file
 * in name order, runs the job on it and moves it to {@code done/} or {@code failed/} (see {@link Inbox}).
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
		description = { "Process every *.csv/*.xlsx dropped into an inbox folder, at each cron tick or once.",
				"Each file is claimed into DIR/processing/ and moved with its report to DIR/done/,",
				"or to DIR/failed/ with a one-line <name>.error.txt. A failed run stays in",
				"processing/ and is restarted at the next tick. Several instances may share an",
				"inbox: each file is processed by one of them. See docs/operations.md." })
class ScheduleCommand implements Callable<Integer> {

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

	@Option(names = "--account", paramLabel = "ACC", description = "ThingSpace account for rows without an account value.")
	String account;

	@Option(names = "--sheet", paramLabel = "NAME", description = "XLSX sheet to read. Default: the first visible sheet.")
	String sheet;

	@Option(names = "--date-format", paramLabel = "PATTERN", description = "Another accepted date pattern besides YYYY-MM-DD.")
	String dateFormat;

	@Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "The date start dates are checked against (UTC). Default: today.")
	LocalDate today;

	@Option(names = "--dry-run", description = "Validate and plan only; nothing is sent.")
	boolean dryRun;

	@Option(names = "--simulate", description = "Submit to the bundled ThingSpace simulator (nothing real is touched).")
	boolean simulate;

	@Option(names = "--no-track", negatable = false,
			description = "Do not track the open campaigns of recent executions at each tick (see 'track').")
	boolean noTrack;

	@Option(names = "--verbose", description = "More logging, and stack traces on failure.")
	boolean verbose;

	@Spec
	CommandSpec spec;

	/** Held while a file is being processed, so that SIGTERM lets the file reach its folder before the JVM halts. */
	private final ReentrantLock busy = new ReentrantLock();

	private volatile boolean stopping;

	@Override
	public Integer call() throws InterruptedException {
		if (!this.dryRun && (this.account == null || this.account.isBlank())) {
			throw new UsageException("--account is required for a real run");
		}
		CronExpression schedule = parseCron();
		if (!Files.isDirectory(this.inbox)) {
			throw new UsageException(this.inbox + ": no such folder");
		}
		Inbox folder = new Inbox(this.inbox, Duration.ofSeconds(this.settleSeconds), Clock.systemUTC());
		folder.prepare();
		Thread hook = new Thread(this::stopAfterCurrentFile, "schedule-stop");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			if (this.once) {
				return tick(folder);
			}
			// A service checks its database and credentials now, not first at the night's tick.
			Session.open(this.verbose, this.dryRun, this.simulate, out(), err()).close();
			out().println("Watching " + folder.directory() + " (cron '" + this.cron + "'); SIGTERM stops after the current file");
			while (!this.stopping) {
				ZonedDateTime next = schedule.next(ZonedDateTime.now());
				out().println("Next tick at " + next);
				if (!sleepUntil(next)) {
					break;
				}
				try {
					tick(folder);
				}
				catch (RuntimeException ex) {
					// A service outlives one bad tick (e.g. the database was down): the next tick tries again.
					err().println("error: tick failed: " + Failures.describe(ex));
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
	int tick(Inbox folder) {
		int worst = processFiles(folder);
		if (!this.noTrack && !this.dryRun && !this.stopping) {
			try {
				ScheduleTracking.trackOpen(folder, this.simulate, this.verbose, out(), err());
			}
			catch (RuntimeException ex) {
				err().println("warning: tracking failed: " + Failures.describe(ex));
			}
		}
		return worst;
	}

	private int processFiles(Inbox folder) {
		boolean restarts = !this.noRestartFailed && !folder.inProcessing().isEmpty();
		if (!restarts && folder.ready().isEmpty()) {
			out().println("Nothing to do in " + folder.directory());
			return ExitCodes.OK;
		}
		CapturingWriter errors = new CapturingWriter(err());
		PrintWriter err = new PrintWriter(errors, true);
		int worst = ExitCodes.OK;
		try (Session session = Session.open(this.verbose, this.dryRun, this.simulate, out(), err).reportWhenComplete()) {
			if (restarts) {
				for (JobExecution execution : restartable(session, folder)) {
					worst = worse(worst, restart(session, folder, execution, errors));
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
						worst = worse(worst, process(session, folder, claimed.get(), errors));
					}
				}
				finally {
					this.busy.unlock();
				}
			}
		}
		return worst;
	}

	private int process(Session session, Inbox folder, Path claimed, CapturingWriter errors) {
		out().println();
		out().println("== " + claimed.getFileName());
		errors.startCapture();
		InputOptions options = options(claimed);
		int exitCode;
		try {
			JobCommand.precheck(options, new PrintWriter(errors, true));
			exitCode = session.run(options, this.dryRun);
		}
		catch (UsageException ex) {
			err().println("error: " + ex.getMessage());
			return finish(folder, claimed, FileOutcome.UNREADABLE, ex.getMessage(), ExitCodes.USAGE);
		}
		catch (RuntimeException ex) {
			// Nothing was decided about this file (e.g. the database went away): it goes back for the next tick.
			err().println("error: " + Failures.describe(ex));
			return finish(folder, claimed, FileOutcome.RETRY, null, ExitCodes.FAILED);
		}
		return finish(folder, claimed, outcome(exitCode, FileOutcome.RETRY), errors.firstError(), exitCode);
	}

	private int restart(Session session, Inbox folder, JobExecution execution, CapturingWriter errors) {
		Path input = CampaignJobParameters.inputFile(execution.getJobParameters());
		out().println();
		out().println("== " + input.getFileName() + ": restarting execution " + execution.getId() + " ("
				+ execution.getStatus() + ")");
		errors.startCapture();
		this.busy.lock();
		try {
			int exitCode = session.restart(execution);
			// Another process running it now keeps it: it stays in processing/.
			return finish(folder, input, outcome(exitCode, FileOutcome.RESTARTABLE), errors.firstError(), exitCode);
		}
		catch (RuntimeException ex) {
			err().println("error: " + Failures.describe(ex));
			return ExitCodes.FAILED;
		}
		finally {
			this.busy.unlock();
		}
	}

	private static FileOutcome outcome(int exitCode, FileOutcome whenAlreadyRunning) {
		return switch (exitCode) {
			case ExitCodes.OK, ExitCodes.REJECTED -> FileOutcome.DONE;
			case ExitCodes.USAGE -> FileOutcome.UNREADABLE;
			case ExitCodes.ALREADY_RUNNING -> whenAlreadyRunning;
			default -> FileOutcome.RESTARTABLE;
		};
	}

	private int finish(Inbox folder, Path claimed, FileOutcome outcome, String reason, int exitCode) {
		Path now = folder.finish(claimed, outcome, outcome == FileOutcome.UNREADABLE ? reason : null);
		out().println(claimed.getFileName() + ": " + switch (outcome) {
			case DONE -> "moved to " + folder.directory().relativize(now) + ", report "
					+ folder.directory().relativize(Inbox.reportOf(now));
			case UNREADABLE -> "moved to " + folder.directory().relativize(now) + ", reason in "
					+ folder.directory().relativize(now.resolveSibling(now.getFileName() + Inbox.ERROR_SUFFIX));
			case RESTARTABLE -> "stays in " + Inbox.PROCESSING + "/ and is restarted at the next tick";
			case RETRY -> "back in the inbox for the next tick";
		});
		return exitCode;
	}

	/**
	 * The last execution of each job instance whose input file lies in {@code processing/} and that did not
	 * complete: failed, stopped, or left running by a process that died. Executions of the other mode (a dry run
	 * while this schedule submits, or the reverse) are not this schedule's to restart. Files in {@code processing/}
	 * with no such run go back to the inbox after {@link #ORPHAN_GRACE} ({@link Inbox#returnOrphans}).
	 */
	private List<JobExecution> restartable(Session session, Inbox folder) {
		JobRepository repository = session.context().getBean(JobRepository.class);
		List<JobExecution> found = new ArrayList<>();
		Set<Path> seen = new HashSet<>();
		for (JobInstance instance : repository.getJobInstances(CampaignJobConfiguration.JOB_NAME, 0, INSTANCES_SCANNED)) {
			JobExecution last = repository.getLastJobExecution(instance);
			if (last == null || last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
				continue;
			}
			Path input = CampaignJobParameters.inputFile(last.getJobParameters());
			if (input.getParent().equals(folder.processing()) && Files.exists(input) && seen.add(input)
					&& CampaignJobParameters.isDryRun(last.getJobParameters()) == this.dryRun) {
				found.add(last);
			}
		}
		for (Path returned : folder.returnOrphans(seen, ORPHAN_GRACE)) {
			out().println(folder.directory().relativize(returned) + ": claimed over " + ORPHAN_GRACE.toMinutes()
					+ " minutes ago and no run to restart; back in the inbox");
		}
		return found;
	}

	/** Failed beats unreadable beats another-process-has-it beats rejected devices beats OK. */
	static int worse(int a, int b) {
		return rank(a) >= rank(b) ? a : b;
	}

	private static int rank(int exitCode) {
		return switch (exitCode) {
			case ExitCodes.OK -> 0;
			case ExitCodes.REJECTED -> 1;
			case ExitCodes.ALREADY_RUNNING -> 2;
			case ExitCodes.USAGE -> 3;
			default -> 4;
		};
	}

	private InputOptions options(Path claimed) {
		InputOptions options = new InputOptions();
		options.input = claimed;
		options.account = this.account;
		options.report = Inbox.reportOf(claimed);
		options.sheet = this.sheet;
		options.dateFormat = this.dateFormat;
		options.today = this.today;
		options.verbose = this.verbose;
		return options;
	}

	/** Sleeps until the given time; false if a stop was requested meanwhile. */
	private boolean sleepUntil(ZonedDateTime next) throws InterruptedException {
		while (!this.stopping) {
			long millis = Duration.between(ZonedDateTime.now(), next).toMillis();
			if (millis <= 0) {
				return true;
			}
			Thread.sleep(Math.min(millis, 1000));
		}
		return false;
	}

	/** SIGTERM: no further file is started; the running job stops after its chunk (GracefulShutdown). */
	private void stopAfterCurrentFile() {
		this.stopping = true;
		try {
			if (this.busy.tryLock(2, TimeUnit.MINUTES)) {
				this.busy.unlock();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

	private PrintWriter err() {
		return this.spec.commandLine().getErr();
	}

	/** Passes everything on to the real error stream, and keeps the first "error: " line since the last start. */
	static final class CapturingWriter extends Writer {

		private final PrintWriter target;

		private StringWriter captured = new StringWriter();

		CapturingWriter(PrintWriter target) {
			this.target = target;
		}

		void startCapture() {
			this.captured = new StringWriter();
		}

		String firstError() {
			for (String line : this.captured.toString().split("\\R")) {
				if (line.startsWith("error: ")) {
					return line.substring("error: ".length());
				}
			}
			return null;
		}

		@Override
		public void write(char[] buffer, int offset, int length) {
			this.target.write(buffer, offset, length);
			this.captured.write(buffer, offset, length);
		}

		@Override
		public void flush() {
			this.target.flush();
		}

		@Override
		public void close() {
			flush();
		}
	}
}
