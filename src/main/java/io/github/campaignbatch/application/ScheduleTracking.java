package io.github.campaignbatch.application;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.inbox.Inbox;
import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.job.CampaignJobParameters;

import org.springframework.batch.core.job.JobExecution;

/**
 * The tracking part of a {@code schedule} tick: the open campaigns of executions of the same kind (simulated or
 * real) that ended within {@link #RECENT}, their reports in {@code done/} refreshed in place.
 */
public final class ScheduleTracking {

	/** Executions older than this are not tracked by the schedule any more ({@code track} still can). */
	static final Duration RECENT = Duration.ofDays(30);

	private ScheduleTracking() {
	}

	public static void trackOpen(ApplicationFactory applications, Inbox folder, boolean simulate, boolean verbose, PrintWriter out, PrintWriter err) {
		try (Application application = applications.start(verbose)) {
			LocalDateTime since = LocalDateTime.now().minus(RECENT);
			List<JobExecution> executions = new ArrayList<>();
			for (JobExecution execution : application.withOpenCampaigns()) {
				boolean recent = execution.getEndTime() == null || execution.getEndTime().isAfter(since);
				if (recent && RunTarget.of(execution.getJobParameters()).simulated() == simulate) {
					executions.add(execution);
				}
			}
			if (executions.isEmpty()) {
				return;
			}
			out.println();
			out.println("== tracking " + executions.size() + " execution(s) with open campaigns");
			new Tracking(applications, application, verbose, out, err).track(executions, execution -> reportInDone(folder, execution));
		}
	}

	/**
	 * The report of the execution's input in {@code done/}: {@code done/NAME.results.csv} ({@code
	 * NAME.simulated.results.csv} for a simulated execution), or with the time stamp prefix a name clash gave it, the
	 * input beside it having the execution's content. {@code null} when none: a report of the other target is never
	 * rewritten with this execution's campaigns.
	 */
	public static Path reportInDone(Inbox folder, JobExecution execution) {
		String name = CampaignJobParameters.inputFile(execution.getJobParameters()).getFileName().toString();
		String suffix = Inbox.reportSuffix(RunTarget.of(execution.getJobParameters()).simulated());
		String sha256 = execution.getJobParameters().getString(CampaignJobParameters.INPUT_SHA256);
		Path done = folder.directory().resolve(Inbox.DONE);
		if (!Files.isDirectory(done)) {
			return null;
		}
		try (Stream<Path> files = Files.list(done)) {
			return files.filter(file -> file.getFileName().toString().equals(name)
					|| file.getFileName().toString().endsWith("-" + name))
				.filter(file -> Files.exists(file.resolveSibling(file.getFileName() + suffix)))
				.filter(file -> sha256 != null && sha256.equals(InputFingerprint.sha256(file)))
				.map(file -> file.resolveSibling(file.getFileName() + suffix))
				.findFirst()
				.orElse(null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
