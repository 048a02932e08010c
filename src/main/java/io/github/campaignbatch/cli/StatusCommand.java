package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.github.campaignbatch.job.CampaignJobConfiguration;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.report.DeviceOutcome;
import io.github.campaignbatch.report.ResultsRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code status}: recent executions, newest first, with their devices per outcome.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show recent executions, newest first.")
class StatusCommand implements Callable<Integer> {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Option(names = "--last", paramLabel = "N", defaultValue = "10", description = "How many executions (default 10).")
	int last;

	@Option(names = "--execution", paramLabel = "ID",
			description = "One execution in detail: devices by outcome and by their status at ThingSpace (see 'track').")
	Long executionId;

	@Option(names = "--verbose", description = "More logging.")
	boolean verbose;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		try (ConfigurableApplicationContext context = SpringContexts.start(this.verbose, List.of())) {
			JobRepository repository = context.getBean(JobRepository.class);
			if (this.executionId != null) {
				return ExecutionStatus.print(context, Executions.named(repository, this.executionId), out);
			}
			ResultsRepository results = context.getBean(ResultsRepository.class);
			List<JobExecution> executions = new ArrayList<>();
			for (JobInstance instance : repository.getJobInstances(CampaignJobConfiguration.JOB_NAME, 0, this.last)) {
				executions.addAll(repository.getJobExecutions(instance));
			}
			executions.sort(Comparator.comparingLong(JobExecution::getId).reversed());
			if (executions.isEmpty()) {
				out.println("No executions yet.");
				return ExitCodes.OK;
			}
			out.printf("%-6s %-32s %-16s %-19s %-9s %-10s %s%n", "ID", "INPUT", "ACCOUNT", "STARTED", "DURATION", "STATUS",
					"DEVICES");
			for (JobExecution execution : executions.subList(0, Math.min(this.last, executions.size()))) {
				var parameters = execution.getJobParameters();
				String mode = CampaignJobParameters.isDryRun(parameters) ? " (dry run)" : "";
				out.printf("%-6d %-32s %-16s %-19s %-9s %-10s %s%n", execution.getId(),
						clip(CampaignJobParameters.inputFile(parameters).getFileName() + mode, 32),
						clip(parameters.getString(CampaignJobParameters.ACCOUNT), 16),
						execution.getStartTime() == null ? "-" : WHEN.format(execution.getStartTime()),
						duration(execution.getStartTime(), execution.getEndTime()), execution.getStatus(),
						devices(results.outcomeCounts(execution.getJobInstanceId())));
			}
			return ExitCodes.OK;
		}
	}

	private static String devices(Map<DeviceOutcome, Long> counts) {
		StringBuilder text = new StringBuilder();
		counts.forEach((outcome, count) -> {
			if (count > 0) {
				text.append(text.isEmpty() ? "" : " ").append(outcome).append('=').append(count);
			}
		});
		return text.isEmpty() ? "-" : text.toString();
	}

	private static String duration(LocalDateTime start, LocalDateTime end) {
		if (start == null) {
			return "-";
		}
		Duration duration = Duration.between(start, end != null ? end : LocalDateTime.now());
		long seconds = duration.toSeconds();
		return seconds < 60 ? seconds + "s" : (seconds / 60) + "m" + (seconds % 60) + "s";
	}

	private static String clip(String text, int width) {
		return text == null ? "" : (text.length() <= width ? text : text.substring(0, width - 1) + "…");
	}
}
