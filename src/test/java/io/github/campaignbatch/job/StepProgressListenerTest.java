package io.github.campaignbatch.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.campaignbatch.input.ReadOptions;
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

/** The load step's progress: the share of the input file its reader has consumed, with no pass to count lines. */
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
	void progressIsTheShareOfTheFileConsumedWithoutCountingItsLinesFirst() throws Exception {
		Path input = csv(20_000);
		StepExecution step = loadStep(input, new ExecutionContext());
		SpreadsheetItemReader reader = new SpreadsheetItemReader(input, ReadOptions.defaults());
		StepProgressListener listener = StepProgressListener.rowsRead(Duration.ofNanos(1), reader);
		reader.open(new ExecutionContext());
		listener.beforeStep(step);
		while (reader.read() != null) {
			listener.afterRead(new Object());
		}
		listener.afterStep(step);
		reader.close();

		List<Integer> percents = new ArrayList<>();
		for (String line : messages()) {
			Matcher percent = Pattern.compile(", (\\d+)%").matcher(line);
			if (percent.find()) {
				percents.add(Integer.parseInt(percent.group(1)));
			}
		}
		assertThat(percents).as(messages().toString()).isNotEmpty().isSorted();
		assertThat(percents.get(percents.size() - 1)).isEqualTo(99);
		assertThat(messages()).anyMatch(line -> line.contains(": 20,000 rows read in"));
	}

	private List<String> messages() {
		List<String> messages = new ArrayList<>();
		this.lines.list.forEach(event -> messages.add(event.getFormattedMessage()));
		return messages;
	}

	private Path csv(int dataLines) throws IOException {
		StringBuilder text = new StringBuilder("imei,fileName,fileVersion,distributionType,startDate,endDate\n");
		for (int i = 0; i < dataLines; i++) {
			text.append("35209900000014").append(i % 10).append(",fw.bin,1.0,HTTP,2030-01-01,2030-02-01\n");
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
