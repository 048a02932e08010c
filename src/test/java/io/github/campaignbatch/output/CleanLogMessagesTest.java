package io.github.campaignbatch.output;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log messages carry cell values and file names; installed, every pattern cleans them.
 */
class CleanLogMessagesTest {

	@Test
	void aLogLineWithAnEscapeSequenceInAValueCannotForgeAnotherLine() {
		CleanLogMessages.install();
		LoggerContext context = new LoggerContext();
		for (String pattern : new String[] { "%-5level %msg%n", "%m%n", "%message%n" }) {
			PatternLayout layout = new PatternLayout();
			layout.setContext(context);
			layout.setPattern(pattern);
			layout.start();
			LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.INFO,
					"campaign {} scheduled", null, new Object[] { "wave\u001B[2K\u001B[1G\r\nERROR forged\u0007\u202E" });

			String line = layout.doLayout(event);

			assertThat(line).as(pattern).contains("campaign wave?[2K?[1G  ERROR forged?? scheduled");
			assertThat(line.strip().lines()).hasSize(1);
		}
	}
}
