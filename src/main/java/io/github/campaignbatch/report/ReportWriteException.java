package io.github.campaignbatch.report;

/**
 * The report could not be written (disk full, no such folder, no permission). The job's outcome is safe in the
 * database; {@code report --execution ID} writes the report again.
 */
public class ReportWriteException extends RuntimeException {

	public ReportWriteException(String message, Throwable cause) {
		super(message, cause);
	}
}
