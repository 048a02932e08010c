package io.github.campaignbatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.campaignbatch.job.CampaignJobParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code report}: writes the results report of any past execution again, from the job database.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
		description = "Regenerate the results report of a past execution (CSV, or XLSX for a .xlsx output).")
class ReportCommand implements Callable<Integer> {

	@Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution (see 'status').")
	long executionId;

	@Option(names = "--output", paramLabel = "FILE", description = "Where to write it. Default: the execution's report path.")
	Path output;

	@Option(names = "--rejected",
			description = "Write only the rejected and failed devices, in the input format (template columns, the rows'"
					+ " original values, plus errorCode and errorMessage): fix them and drop the file into the inbox."
					+ " Needs --output and the run's input file, unchanged.")
	boolean rejected;

	@Option(names = "--input", paramLabel = "FILE",
			description = "With --rejected: the run's input file, when it is no longer where the run read it.")
	Path input;

	@Option(names = "--verbose", description = "More logging.")
	boolean verbose;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		try (Backend backend = Backend.start(this.verbose, List.of())) {
			JobExecution execution = backend.execution(this.executionId);
			if (this.rejected) {
				return RejectsCommand.export(backend.context(), execution, this.input, this.output,
						this.spec.commandLine().getOut());
			}
			Path target = this.output != null ? this.output : CampaignJobParameters.reportFile(execution.getJobParameters());
			long lines = backend.writeReport(execution.getJobInstanceId(), target);
			this.spec.commandLine().getOut().println("Report of execution " + this.executionId + " (" + lines
					+ " device lines) written to " + target);
			return ExitCodes.OK;
		}
	}
}
