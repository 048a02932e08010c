package io.github.campaignbatch.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} of a rollout: the waves are planned at grouping time and shown, in the report's {@code wave}
 * column and as a line per campaign in the summary; a bad policy is a usage error before anything runs.
 */
@Tag("database")
class RolloutValidateTest {

	@TempDir
	Path work;

	@Test
	void validateShowsEachCampaignsWavesInTheSummaryAndTheReport() throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "ACC", 2, 100);
		Path report = this.work.resolve("fleet.results.csv");

		Result result = new CommandRunner(this.work).run("validate", "--input", input.toString(), "--today", "2030-01-15",
				"--report", report.toString(), "--pilot", "20", "--waves", "50,100");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("rollout            pilot 20, waves 50,100, gate 0.9")
			.contains("'wave-1': pilot 20, then 30, then 50", "'wave-2': pilot 20, then 30, then 50")
			.contains("PLANNED    wave-1-wave-1-of-3 (20 devices)", "HELD       wave-1-wave-2-of-3 (30 devices)",
					"HELD       wave-2-wave-3-of-3 (50 devices)");
		List<String> lines = Files.readAllLines(report);
		assertThat(lines.get(0)).isEqualTo("row,imei,account,campaignName,wave,fileName,fileVersion,status,campaignId,"
				+ "errorCode,errorMessage,vendorStatus,deviceStatus,resultReason,statusAt");
		assertThat(lines).hasSize(201);
		// each campaign's devices in input order: the first 20 the pilot, the next 30 wave 2, the last 50 wave 3
		for (int device = 1; device <= 200; device++) {
			int inCampaign = (device - 1) % 100 + 1;
			String wave = inCampaign <= 20 ? "1" : inCampaign <= 50 ? "2" : "3";
			String campaign = "wave-" + ((device - 1) / 100 + 1);
			assertThat(lines.get(device)).as("device %d", device)
				.startsWith((device + 1) + "," + SampleInputs.imei(device) + ",ACC," + campaign + "-wave-" + wave + "-of-3,"
						+ wave + ",tracker-fw-2.4.1.bin,2.4.1," + (wave.equals("1") ? "PLANNED" : "HELD") + ",");
		}
	}

	@Test
	void aRunWithoutPolicyKeepsTheReportAsItWas() throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "ACC", 1, 3);
		Path report = this.work.resolve("fleet.results.csv");

		Result result = new CommandRunner(this.work).run("validate", "--input", input.toString(), "--today", "2030-01-15",
				"--report", report.toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).doesNotContain("rollout", "wave-1-wave");
		assertThat(Files.readAllLines(report).get(0)).isEqualTo("row,imei,account,campaignName,fileName,fileVersion,"
				+ "status,campaignId,errorCode,errorMessage,vendorStatus,deviceStatus,resultReason,statusAt");
	}

	@Test
	void aBadConfiguredPolicyStopsTheScheduleTickBeforeAnyFileIsTaken() throws Exception {
		Path inbox = Files.createDirectories(this.work.resolve("inbox"));
		SampleInputs.campaigns(inbox.resolve("fleet.csv"), "ACC", 1, 3);

		Result tick = new CommandRunner(this.work).with("campaign.rollout.waves", "10,50")
			.run("schedule", "--inbox", inbox.toString(), "--once", "--settle", "0", "--dry-run");

		assertThat(tick.exitCode()).as(tick.toString()).isEqualTo(2);
		assertThat(tick.err()).contains("campaign.rollout: --waves must end with 100");
		assertThat(inbox.resolve("fleet.csv")).as("the file waits for the fix").exists();
	}

	@Test
	void aBadPolicyIsOneUsageLineAndNothingRuns() {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "ACC", 1, 3);

		Result result = new CommandRunner(this.work).run("validate", "--input", input.toString(), "--waves", "10,50");

		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.errLines()).hasSize(1).first().asString()
			.contains("--waves must end with 100 so that every device is released; was 10,50");
		assertThat(result.out()).doesNotContain("Dry run");
	}
}
