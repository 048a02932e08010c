package io.github.campaignbatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.campaignbatch.input.InputFingerprint;
import io.github.campaignbatch.input.ReadOptions;
import io.github.campaignbatch.job.CampaignJobParameters;
import io.github.campaignbatch.report.RejectsExport;

import org.springframework.batch.core.job.JobExecution;

/**
 * {@code report --rejected}: the rejected and failed devices of a run, in the input format, to fix and drop back.
 */
final class RejectsCommand {

	private RejectsCommand() {
	}

	static int export(Backend backend, JobExecution execution, Path input, Path output,
			PrintWriter out) {
		if (output == null) {
			throw new UsageException("--rejected needs --output fix.csv or fix.xlsx");
		}
		var parameters = execution.getJobParameters();
		Path original = input != null ? input : CampaignJobParameters.inputFile(parameters);
		InputPrecheck.checkLength(original);
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
		RejectsExport.Exported exported = new RejectsExport(backend.results()).write(execution.getJobInstanceId(),
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
