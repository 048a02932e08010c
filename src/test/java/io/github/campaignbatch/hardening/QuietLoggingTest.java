package io.github.campaignbatch.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.qos.logback.classic.BasicConfigurator;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input check runs before Spring configures logging. Logback's unconfigured default logs everything at
 * DEBUG to standard output, and POI and the streaming reader log at DEBUG while a workbook is opened: the
 * CLI must quiet that before anything else runs.
 */
class QuietLoggingTest {

	@TempDir
	Path work;

	@Test
	void validateOnAnXlsxPrintsNoDebugLineBeforeSpringConfiguresLogging() throws IOException {
		Path xlsx = this.work.resolve("devices.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
			// a header without the required columns: the precheck refuses it, so Spring never starts
			workbook.createSheet("Data").createRow(0).createCell(0).setCellValue("imei");
			workbook.write(out);
		}
		LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
		logback.reset();
		new BasicConfigurator().configure(logback);
		assertThat(logback.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
		PrintStream stdout = System.out;
		PrintStream stderr = System.err;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Result result;
		try {
			System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
			result = new CommandRunner(this.work).run("validate", "--input", xlsx.toString(), "--account", "ACC");
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
			logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
		}

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement().asString().contains("devices.xlsx").contains("missing required column");
		assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("DEBUG");
	}
}
