package io.github.campaignbatch.application;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.github.campaignbatch.inbox.FileNotTakenException;
import io.github.campaignbatch.inbox.FileOutcome;
import io.github.campaignbatch.inbox.Inbox;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.output.TerminalText;
import io.github.campaignbatch.output.UnsafeTargetException;

import org.springframework.batch.core.job.JobExecution;

/**
 * One tick of the {@code schedule} service: the restarts of the files left in {@code processing/} ({@link RestartPass}),
 * then each ready file of the inbox, smallest first, claimed, run ({@link FileRun}) and moved where its exit code says
 * ({@link ScheduleRules}), then the tracking of recent executions' open campaigns ({@link ScheduleTracking}). Prints a
 * line per file; returns the tick's exit code.
 */
public final class ScheduleTick {

	/**
	 * What a tick does besides the files: restart the runs left in {@code processing/}, track open campaigns; the
	 * target and logging of the applications it starts; whether the command gives a rollout policy of its own.
	 */
	public record Options(boolean restartFailed, boolean track, boolean simulate, boolean verbose, boolean rolloutGiven) {
	}

	/** Runs one claimed file on the tick's application, its report at {@code report}, and says what came of it. */
	@FunctionalInterface
	public interface FileRun {

		RunOutcome run(JobRuns runs, Path claimed, Path report);
	}

	private final ApplicationFactory applications;

	private final Options options;

	/** Starts the tick's application (saying that a simulator answers, when asked to). */
	private final Function<Boolean, Application> open;

	private final FileRun fileRun;

	/** Held while a file is being processed, so that a stop lets the file reach its folder before the JVM halts. */
	private final ReentrantLock busy;

	private final BooleanSupplier stopping;

	private final PrintWriter out;

	private final PrintWriter err;

	public ScheduleTick(ApplicationFactory applications, Options options, Function<Boolean, Application> open,
			FileRun fileRun, ReentrantLock busy, BooleanSupplier stopping, PrintWriter out, PrintWriter err) {
		this.applications = applications;
		this.options = options;
		this.open = open;
		this.fileRun = fileRun;
		this.busy = busy;
		this.stopping = stopping;
		this.out = out;
		this.err = err;
	}

	/**
	 * One tick: restarts, then every ready file, then (unless {@code --no-track}, and not in a dry run) tracking of the
	 * open campaigns of recent executions. Returns the worst exit code of the files; tracking does not change it.
	 */
	public int run(Inbox folder, boolean announceSimulator) {
		List<Path> links = folder.notRegularFiles();
		if (!links.isEmpty()) {
			this.err.println("warning: " + shown(folder.directory()) + ": left alone, not regular files (links are never"
					+ " followed): " + String.join(", ", links.stream().map(link -> shown(link.getFileName())).toList()));
		}
		folder.prepare();
		int worst = processFiles(folder, announceSimulator);
		if (this.options.track() && !this.stopping.getAsBoolean()) {
			try {
				ScheduleTracking.trackOpen(this.applications, folder, this.options.simulate(), this.options.verbose(), this.out,
						this.err);
			}
			catch (RuntimeException ex) {
				this.err.println("warning: tracking failed: " + Failures.describe(ex));
			}
		}
		return worst;
	}

	private int processFiles(Inbox folder, boolean announceSimulator) {
		boolean restarts = this.options.restartFailed() && !folder.inProcessing().isEmpty();
		if (!restarts && folder.ready().isEmpty()) {
			this.out.println(nothingToDo(folder));
			return ExitCodes.OK;
		}
		int worst = ExitCodes.OK;
		try (Application application = this.open.apply(announceSimulator)) {
			JobRuns session = JobRuns.on(application, this.out, this.err).reportWhenComplete().rolloutFromConfiguration();
			if (!this.options.rolloutGiven()) {
				// a bad campaign.rollout.* stops the tick, naming the setting; the files wait in the inbox for its fix
				session.application().configuredRollout();
			}
			if (restarts) {
				for (JobExecution execution : restartable(session, folder)) {
					worst = ScheduleRules.worse(worst, restart(session, folder, execution));
				}
			}
			for (Inbox.Candidate candidate : folder.ready()) {
				if (this.stopping.getAsBoolean()) {
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
	public static String nothingToDo(Inbox folder) {
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
		RunOutcome outcome;
		try {
			checkNameFits(claimed);
			outcome = this.fileRun.run(session, claimed, folder.reportOf(claimed));
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
	 * The runs this tick restarts ({@link RestartPass}), after one line for each file left alone for a schedule of the
	 * other target and each file taken back into the inbox.
	 */
	private List<JobExecution> restartable(JobRuns session, Inbox folder) {
		RestartPass pass = RestartPass.of(session.application(), folder);
		pass.otherTarget().forEach((input, why) -> this.out.println(shown(folder.directory().relativize(input)) + ": " + why));
		for (Path returned : pass.returned()) {
			this.out.println(shown(folder.directory().relativize(returned)) + ": claimed over "
					+ RestartPass.ORPHAN_GRACE.toMinutes() + " minutes ago and no run to restart; back in the inbox");
		}
		return pass.toRestart();
	}

	/** A file name as printed: from whoever dropped the file, so cleaned of control characters. */
	private static String shown(Path path) {
		return TerminalText.clean(path.toString());
	}
}
