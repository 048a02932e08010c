package io.github.campaignbatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --rejected}: export the rejects in the input format, fix them, read them again. */
class RejectsExportTest {

	@TempDir
	Path work;

	private SimulatorServer simulator;

	private CommandRunner runner;

	@BeforeEach
	void runWithRejects() throws IOException {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults()
			.withClock(Clock.fixed(Instant.parse("2030-01-15T10:00:00Z"), ZoneOffset.UTC)));
		this.runner = new CommandRunner(this.work).onSimulator(this.simulator);
		Path input = Files.write(this.work.resolve("input.csv"), List.of(SampleInputs.HEADER,
				"ACC,good,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(1),
				"ACC,good,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15,352099010000000",
				"ACC,own,own-fw.bin,9.9,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(3),
				// the first row's device again: DUPLICATE, and scheduled by the first row
				"ACC,good,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(1)));
		Result run = this.runner.run("run", "--input", input.toString(), "--account", "ACC", "--today", "2030-01-15",
				"--report", this.work.resolve("report.csv").toString());
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void rejectsAreWrittenInTheInputFormatAndReadAgainOnceFixed() throws IOException {
		Path fix = this.work.resolve("fix.csv");

		Result export = this.runner.run("report", "--execution", "1", "--rejected", "--output", fix.toString());

		assertThat(export.exitCode()).as(export.toString()).isZero();
		assertThat(export.out()).contains("1 DUPLICATE device(s) left out");
		List<String> lines = Files.readAllLines(fix);
		assertThat(lines.get(0)).isEqualTo("account,campaignName,fileName,fileVersion,distributionType,startDate,endDate,"
				+ "downloadAfterDate,installAfterDate,downloadTimeWindows,installTimeWindows,imei,timeZone,errorCode,errorMessage");
		assertThat(lines).hasSize(3);
		assertThat(lines.get(1)).startsWith("ACC,good,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15,,,,,352099010000000,");
		assertThat(lines.get(2)).startsWith("ACC,own,own-fw.bin,9.9,HTTP,2030-01-15,2030-02-15,,,,," + SampleInputs.imei(3)
				+ ",,FILE_NOT_AVAILABLE,");

		Path fixed = Files.write(this.work.resolve("fixed.csv"), List.of(lines.get(0),
				lines.get(1).replace("352099010000000", SampleInputs.imei(2)),
				lines.get(2).replace("own-fw.bin,9.9", "tracker-fw-2.4.1.bin,2.4.1")));
		Result reread = this.runner.run("validate", "--input", fixed.toString(), "--account", "ACC", "--today",
				"2030-01-15", "--report", this.work.resolve("fixed.report.csv").toString());

		assertThat(reread.exitCode()).as(reread.toString()).isZero();
		assertThat(reread.err()).doesNotContain("ignoring unknown column");
	}

	@Test
	void anXlsxExportIsReadAgainAsIs() {
		Path fix = this.work.resolve("fix.xlsx");

		Result export = this.runner.run("report", "--execution", "1", "--rejected", "--output", fix.toString());
		Result reread = this.runner.run("validate", "--input", fix.toString(), "--account", "ACC", "--today", "2030-01-15",
				"--report", this.work.resolve("fix.report.csv").toString());

		assertThat(export.out()).contains("2 rejected or failed device(s) of execution 1 written to");
		assertThat(reread.exitCode()).as("the same two errors again: " + reread).isEqualTo(3);
		assertThat(reread.err()).doesNotContain("ignoring unknown column");
	}
}
