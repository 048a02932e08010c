package io.github.campaignbatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.output.UnsafeTargetException;
import io.github.campaignbatch.report.ReportWriteException;
import io.github.campaignbatch.report.ResultsReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * {@code report}: writes the results report of any past execution again, from the job database.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
		description = "Regenerate the results report of a past execution (CSV, or XLSX for a .xlsx output).")
class ReportCommand implements Callable<Integer> {

	@Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution (see 'status').")
	long executionId;

	@Option(names = "--output", paramLabel = "FILE",
			description = "Where to write it (.csv or .xlsx, in an existing folder). Default: the execution's report path.")
	Path output;

	@Option(names = "--force", description = "Replace --output if it exists (the execution's own report is always replaced).")
	boolean force;

	@Option(names = "--rejected",
			description = "Write only the rejected and failed devices, in the input format (template columns, the rows'"
					+ " original values, plus errorCode and errorMessage): fix them and drop the file into the inbox."
					+ " Needs --output and the run's input file, unchanged.")
	boolean rejected;

	@Option(names = "--input", paramLabel = "FILE",
			description = "With --rejected: the run's input file, when it is no longer where the run read it.")
	Path input;

	@Mixin
	VerboseOption logging;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		// A report the operator names goes into a folder that exists, and replaces nothing unless asked to.
		SafeFiles.Existing existing = this.output == null || this.force ? SafeFiles.Existing.REPLACE
				: SafeFiles.Existing.REFUSE;
		if (this.output != null) {
			checkOutput(this.output, existing);
		}
		try (Backend backend = Backend.start(this.logging.verbose, List.of())) {
			JobExecution execution = backend.execution(this.executionId);
			if (this.rejected) {
				return RejectsCommand.export(backend, execution, this.input, this.output,
						this.spec.commandLine().getOut());
			}
			Path target = this.output != null ? this.output : CampaignJobParameters.reportFile(execution.getJobParameters());
			if (execution.getStatus() == BatchStatus.COMPLETED
					&& backend.retention().stagedRowsForgotten(execution.getJobInstanceId())) {
				throw new UsageException("execution " + this.executionId + "'s device rows are no longer kept (a dry run's"
						+ " go once its report is written, a real run's with 'prune'): its report was written to "
						+ CampaignJobParameters.reportFile(execution.getJobParameters()));
			}
			long lines;
			try {
				lines = backend.writeReport(execution.getJobInstanceId(), target, existing);
			}
			catch (ReportWriteException ex) {
				if (ex.getCause() instanceof UnsafeTargetException refused) {
					throw new UsageException("--output: " + refused.getMessage());
				}
				throw ex;
			}
			this.spec.commandLine().getOut().println("Report of execution " + this.executionId + " (" + lines
					+ " device lines) written to " + target);
			return ExitCodes.OK;
		}
	}

	/** Refused before the database is opened: a wrong name, a missing folder, a device, an existing file. */
	static void checkOutput(Path output, SafeFiles.Existing existing) {
		try {
			ResultsReportWriter.checkExtension(output);
			SafeFiles.checkTarget(output, existing);
		}
		catch (IllegalArgumentException | UnsafeTargetException ex) {
			throw new UsageException("--output: " + ex.getMessage());
		}
	}
}
