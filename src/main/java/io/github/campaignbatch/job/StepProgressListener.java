package io.github.campaignbatch.job;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.ToLongFunction;

import io.github.campaignbatch.input.SpreadsheetItemReader;
import io.github.campaignbatch.submission.SubmissionLedger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Logs a long step's progress at INFO, at most once per interval ({@code campaign.progress-interval}):
 * items so far, rate, and the time left when the total can be estimated; and a summary line when the step ends.
 * One step at a time: a job runs its steps one after the other.
 */
public class StepProgressListener implements StepExecutionListener, ItemReadListener<Object> {

	private static final Logger log = LoggerFactory.getLogger(StepProgressListener.class);

	private final String unit;

	private final Duration interval;

	private final ToLongFunction<StepExecution> total;

	private final DoubleSupplier fraction;

	private volatile ProgressMeter meter;

	/**
	 * @param unit what is counted, e.g. {@code "rows read"}
	 * @param interval the least time between two lines; zero or less: no progress lines, only the summary
	 * @param total the expected count for a step execution, or {@link ProgressMeter#UNKNOWN}
	 */
	public StepProgressListener(String unit, Duration interval, ToLongFunction<StepExecution> total) {
		this(unit, interval, total, null);
	}

	private StepProgressListener(String unit, Duration interval, ToLongFunction<StepExecution> total,
			DoubleSupplier fraction) {
		this.fraction = fraction;
		this.unit = unit;
		this.interval = interval;
		this.total = total;
	}

	/**
	 * For the load step: rows read, and how far through the file its reader has come (exact for CSV and XLSX, with
	 * no counting pass; a file that cannot tell shows the count and rate only).
	 */
	public static StepProgressListener rowsRead(Duration interval, SpreadsheetItemReader reader) {
		return new StepProgressListener("rows read", interval, step -> ProgressMeter.UNKNOWN, reader::fractionRead);
	}

	/** For the submit step: campaigns taken, out of those not yet final when the step starts. */
	public static StepProgressListener campaignsSubmitted(Duration interval, SubmissionLedger ledger) {
		return new StepProgressListener("campaigns taken", interval,
				step -> ledger.unfinishedIds(step.getJobExecution().getJobInstanceId()).size());
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long expected;
		try {
			expected = this.total.applyAsLong(stepExecution);
		}
		catch (RuntimeException ex) {
			expected = ProgressMeter.UNKNOWN;
		}
		this.meter = this.fraction != null
				? new ProgressMeter(stepExecution.getStepName(), this.unit, this.fraction, this.interval, System::nanoTime,
						log::info)
				: new ProgressMeter(stepExecution.getStepName(), this.unit, expected, this.interval, System::nanoTime,
						log::info);
	}

	@Override
	public void afterRead(Object item) {
		ProgressMeter current = this.meter;
		if (current != null) {
			current.advance(1);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		ProgressMeter current = this.meter;
		if (current != null && current.count() > 0) {
			log.info("{} ({})", current.summary(), stepExecution.getStatus());
		}
		this.meter = null;
		return null;
	}
}
