package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.application.Application;
import io.github.campaignbatch.application.ApplicationFactory;
import io.github.campaignbatch.application.UsageException;
import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.input.ReadOptions;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.output.UnsafeTargetException;
import io.github.campaignbatch.report.RejectsExport;
import io.github.campaignbatch.report.ReportWriteException;
import io.github.campaignbatch.report.ResultsReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * {@code report}: writes the results report of any past execution again, from the job database.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
		description = "Regenerate the results report of a past execution (CSV, or XLSX for a .xlsx output).")
class ReportCommand implements Callable<Integer> {

	/** Starts the application this command works with. */
	private final ApplicationFactory applications;

	ReportCommand(ApplicationFactory applications) {
		this.applications = applications;
	}

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
		try (Application application = this.applications.start(this.logging.verbose)) {
			JobExecution execution = application.execution(this.executionId);
			if (this.rejected) {
				return exportRejects(application, execution, this.input, this.output,
						this.spec.commandLine().getOut());
			}
			Path target = this.output != null ? this.output : CampaignJobParameters.reportFile(execution.getJobParameters());
			if (execution.getStatus() == BatchStatus.COMPLETED
					&& application.retention().stagedRowsForgotten(execution.getJobInstanceId())) {
				throw new UsageException("execution " + this.executionId + "'s device rows are no longer kept (a dry run's"
						+ " go once its report is written, a real run's with 'prune'): its report was written to "
						+ CampaignJobParameters.reportFile(execution.getJobParameters()));
			}
			long lines;
			try {
				lines = application.writeReport(execution.getJobInstanceId(), target, existing);
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

	/** {@code report --rejected}: the rejected and failed devices of a run, in the input format, to fix and drop back. */
	private static int exportRejects(Application application, JobExecution execution, Path input, Path output,
			PrintWriter out) {
		if (output == null) {
			throw new UsageException("--rejected needs --output fix.csv or fix.xlsx");
		}
		var parameters = execution.getJobParameters();
		Path original = input != null ? input : CampaignJobParameters.inputFile(parameters);
		InputOptions.checkLength(original);
		if (!Files.isRegularFile(original)) {
			throw new UsageException("the input file " + original + " of execution " + execution.getId()
					+ " is gone: pass it with --input FILE (the rows' original values are read from it)");
		}
		String expected = parameters.getString(CampaignJobParameters.INPUT_SHA256);
		if (expected != null && !expected.equals(InputFingerprint.sha256(original))) {
			throw new UsageException("the file " + original + " is not the input of execution " + execution.getId()
					+ " (its content differs): pass the original with --input FILE");
		}
		String sheet = parameters.getString(CampaignJobParameters.SHEET);
		RejectsExport.Exported exported = new RejectsExport(application.results()).write(execution.getJobInstanceId(),
				original, sheet == null ? ReadOptions.defaults() : ReadOptions.defaults().withSheetName(sheet), output);
		long lines = exported.lines();
		out.println(lines == 0 ? "No rejected or failed device in execution " + execution.getId() + "; " + output
				+ " has the header only."
				: lines + " rejected or failed device(s) of execution " + execution.getId() + " written to " + output
						+ ": fix them and drop the file into the inbox (errorCode and errorMessage are ignored when read)");
		if (exported.duplicatesLeftOut() > 0) {
			out.println(exported.duplicatesLeftOut() + " DUPLICATE device(s) left out: each is listed again in another row"
					+ " of the input, which carries its outcome (see the report)");
		}
		return ExitCodes.OK;
	}
}
