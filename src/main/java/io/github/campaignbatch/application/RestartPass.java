package io.github.campaignbatch.application;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.campaignbatch.inbox.Inbox;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.job.RunTarget;

import org.springframework.batch.core.job.JobExecution;

/**
 * The start of a {@code schedule} tick: which runs of the files left in {@code processing/} it restarts.
 *
 * @param toRestart the runs to restart, newest first
 * @param otherTarget the files whose run is of the other target, each with the line that says so, in scan order
 * @param returned the files taken back into the inbox (no run to restart)
 */
public record RestartPass(List<JobExecution> toRestart, Map<Path, String> otherTarget, List<Path> returned) {

	/**
	 * A file in {@code processing/} with no run to restart this long after its claim is taken back into the inbox;
	 * another instance needs only seconds from its claim to the start of the job.
	 */
	public static final Duration ORPHAN_GRACE = Duration.ofMinutes(10);

	/** How many recent job instances the restart pass looks at. */
	static final int INSTANCES_SCANNED = 500;

	/**
	 * Finds the last execution of each job instance whose input file lies in {@code processing/} and that did not
	 * complete: failed, stopped, or left running by a process that died ({@link Application#unfinished}). An execution of
	 * the other target (simulated while this schedule sends for real, or the reverse) is never restarted here: it is
	 * left alone with one line, and its file stays in {@code processing/} for a schedule of its own target. A dry run's
	 * execution is not this schedule's either. Files in {@code processing/} with no run at all go back to the inbox
	 * after {@link #ORPHAN_GRACE} ({@link Inbox#returnOrphans}).
	 */
	public static RestartPass of(Application application, Inbox folder) {
		List<JobExecution> found = new ArrayList<>();
		Map<Path, String> otherTarget = new LinkedHashMap<>();
		Set<Path> seen = new HashSet<>();
		RunTarget session = application.target();
		for (JobExecution last : application.unfinished(INSTANCES_SCANNED)) {
			Path input = CampaignJobParameters.inputFile(last.getJobParameters());
			if (!input.getParent().equals(folder.processing()) || !Files.exists(input) || seen.contains(input)) {
				continue;
			}
			RunTarget target = RunTarget.of(last.getJobParameters());
			if (target.mayRestart(session)) {
				seen.add(input);
				found.add(last);
			}
			else if (!target.dryRun() && !session.dryRun()) {
				seen.add(input);
				otherTarget.put(input, RunReporter.otherTarget(last, session));
			}
		}
		return new RestartPass(found, otherTarget, folder.returnOrphans(seen, ORPHAN_GRACE));
	}
}
