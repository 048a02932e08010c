package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.retention.Retention;
import io.github.campaignbatch.application.ApplicationFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;


/**
 * {@code prune}: forgets what the job database no longer needs (see {@link Retention} and docs/operations.md).
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
		description = { "Forget executions older than a horizon, then compact the job database.",
				"The ledger of real submissions is kept while the vendor may still answer for them (docs/operations.md)." })
class PruneCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	PruneCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

	private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([dhm])");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	@Option(names = "--older-than", required = true, paramLabel = "AGE",
			description = "What ended longer ago than this is pruned: 30d, 12h, 90m (or ISO-8601, e.g. P30D).")
	String olderThan;

	@Mixin
	VerboseOption logging;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		Duration age = parseAge(this.olderThan);
		LocalDateTime horizon = LocalDateTime.now().minus(age);
		PrintWriter out = this.spec.commandLine().getOut();
		try (Application application = this.applications.start(this.logging.verbose)) {
			Retention.Pruned pruned = application.retention().prune(horizon,
					execution -> CampaignJobParameters.isDryRun(execution.getJobParameters()));
			out.println("Pruned what ended before " + WHEN.format(horizon) + ":");
			out.printf("  dry runs forgotten                        %d%n", pruned.dryRuns());
			out.printf("  real runs: staged rows removed, ledger kept %d%n", pruned.stagedRowsOf());
			out.printf("  real runs forgotten (all campaigns ended) %d%n", pruned.realRuns());
			out.printf("  real runs kept (not completed: restart or abandon them) %d%n", pruned.keptRestartable());
			out.printf("  stale run leases removed                  %d%n", pruned.leases());
			out.println("  database " + pruned.compaction());
			return ExitCodes.OK;
		}
	}

	static Duration parseAge(String text) {
		Matcher short_ = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
		try {
			Duration age;
			if (short_.matches()) {
				long amount = Long.parseLong(short_.group(1));
				age = switch (short_.group(2)) {
					case "d" -> Duration.ofDays(amount);
					case "h" -> Duration.ofHours(amount);
					default -> Duration.ofMinutes(amount);
				};
			}
			else {
				age = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
			}
			if (age.isNegative()) {
				throw new UsageException("--older-than '" + text + "' is negative");
			}
			return age;
		}
		catch (DateTimeParseException | NumberFormatException | ArithmeticException ex) {
			throw new UsageException("--older-than '" + text + "' is not an age: use e.g. 30d, 12h, 90m or P30D");
		}
	}
}
