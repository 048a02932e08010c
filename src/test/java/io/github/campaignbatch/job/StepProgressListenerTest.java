package io.github.campaignbatch.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.campaignbatch.input.SpreadsheetItemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The load step's progress estimate: the CSV's data lines, less those a restarted step will skip. */
class StepProgressListenerTest {

	@TempDir
	Path work;

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	private Logger logger;

	private Level previousLevel;

	@BeforeEach
	void captureLog() {
		this.logger = (Logger) LoggerFactory.getLogger(StepProgressListener.class);
		this.previousLevel = this.logger.getLevel();
		this.logger.setLevel(Level.INFO);
		this.lines.start();
		this.logger.addAppender(this.lines);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.lines);
		this.logger.setLevel(this.previousLevel);
	}

	@Test
	void aFirstRunEstimatesEveryDataLine() throws IOException {
		StepExecution step = loadStep(csv(1000), new ExecutionContext());

		readThroughWithProgressLines(step, 3);

		assertThat(messages()).anyMatch(line -> line.contains("of ~1,000"));
	}

	@Test
	void aRestartedStepEstimatesOnlyTheRowsLeft() throws IOException {
		ExecutionContext committedBefore = new ExecutionContext();
		committedBefore.putLong(SpreadsheetItemReader.DEFAULT_NAME + ".read.count", 600);
		StepExecution step = loadStep(csv(1000), committedBefore);

		readThroughWithProgressLines(step, 3);

		assertThat(messages()).anyMatch(line -> line.contains("of ~400")).noneMatch(line -> line.contains("of ~1,000"));
	}

	private void readThroughWithProgressLines(StepExecution step, int items) {
		StepProgressListener listener = StepProgressListener.rowsRead(Duration.ofNanos(1));
		listener.beforeStep(step);
		for (int i = 0; i < items; i++) {
			listener.afterRead(new Object());
		}
		listener.afterStep(step);
	}

	private List<String> messages() {
		List<String> messages = new ArrayList<>();
		this.lines.list.forEach(event -> messages.add(event.getFormattedMessage()));
		return messages;
	}

	private Path csv(int dataLines) throws IOException {
		StringBuilder text = new StringBuilder("imei,fileName\n");
		for (int i = 0; i < dataLines; i++) {
			text.append("35209900000014").append(i % 10).append(",fw.bin\n");
		}
		return Files.writeString(this.work.resolve("fleet.csv"), text);
	}

	private static StepExecution loadStep(Path input, ExecutionContext context) {
		JobParameters parameters = new JobParametersBuilder()
			.addString(CampaignJobParameters.INPUT_FILE, input.toString(), false)
			.toJobParameters();
		return MetaDataInstanceFactory.createStepExecution(parameters, context);
	}
}
