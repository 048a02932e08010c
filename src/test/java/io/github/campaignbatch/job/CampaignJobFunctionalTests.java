package io.github.campaignbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.github.campaignbatch.report.DeviceOutcome;
import io.github.campaignbatch.report.ReportLine;
import io.github.campaignbatch.simulator.SimulatedCampaign;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole campaign job in one cached Spring context, started as Batch starts it (in the manner of
 * spring-batch-samples' {@code FootballJobFunctionalTests}): load, group, submit and report on the bundled
 * samples against the simulator, and what each run leaves at the simulator, in the ledger and in the report.
 */
class CampaignJobFunctionalTests extends JobFunctionalTestSupport {

	@Autowired
	CampaignJobLauncher launcher;

	@Test
	void theBundledSampleCompletesWithEveryCampaignScheduledAtTheSimulator() throws Exception {
		String account = freshAccount();
		Path report = reportFile();

		JobExecution execution = this.batch.startJob(parameters(sample(CLEAN_SAMPLE, account), account, false, report));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
		assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("load", "group", "submit", "report");
		assertThat(execution.getStepExecutions()).allMatch(step -> step.getStatus() == BatchStatus.COMPLETED);

		Map<String, SimulatedCampaign> atSimulator = campaignsAtTheSimulator(account).stream()
			.collect(Collectors.toMap(SimulatedCampaign::campaignName, campaign -> campaign));
		assertThat(atSimulator).hasSize(3).containsKeys("Tracker fleet wave 1", "Tracker fleet wave 2");
		assertThat(atSimulator.get("Tracker fleet wave 1").deviceList()).containsExactly("352099000000014",
				"352099000000022", "352099000000030", "352099000000048", "352099000000055", "352099000000063");
		assertThat(atSimulator.get("Tracker fleet wave 2").deviceList()).containsExactly("352099000000071",
				"352099000000089", "352099000000097", "352099000000105", "352099000000113");
		SimulatedCampaign sensors = atSimulator.values().stream()
			.filter(campaign -> campaign.fileName().equals("sensor-fw-1.9.0.bin"))
			.findFirst()
			.orElseThrow();
		assertThat(sensors.campaignName()).as("generated name").startsWith("sensor-fw-1.9.0.bin_1.9.0_2030-04-01_");
		assertThat(sensors.distributionType()).isEqualTo("OMA");
		assertThat(sensors.deviceList()).containsExactly("352099000000121", "352099000000139");

		List<ReportLine> lines = reportLines(execution.getJobInstanceId());
		assertThat(lines).hasSize(13).allMatch(line -> line.status() == DeviceOutcome.SCHEDULED);
		assertThat(lines).allSatisfy(line -> assertThat(line.campaignId())
			.isEqualTo(atSimulator.get(line.campaignName()).id()));
		List<String> written = Files.readAllLines(report);
		assertThat(written).hasSize(14);
		assertThat(written.get(0)).isEqualTo(String.join(",", ReportLine.HEADER));
		assertThat(written.subList(1, 14)).allMatch(line -> line.contains(",SCHEDULED,"));
	}

	@Test
	void aDryRunPlansEveryDeviceSkipsTheSubmitStepAndSendsNothing() throws Exception {
		String account = freshAccount();
		Path report = reportFile();

		JobExecution execution = this.batch.startJob(parameters(sample(CLEAN_SAMPLE, account), account, true, report));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("load", "group", "report");
		assertThat(campaignsAtTheSimulator(account)).isEmpty();
		assertThat(reportLines(execution.getJobInstanceId())).hasSize(13)
			.allMatch(line -> line.status() == DeviceOutcome.PLANNED && line.campaignId().isEmpty());
		assertThat(Files.readAllLines(report)).hasSize(14);
	}

	@Test
	void theMistakesSampleCompletesWithEachBadRowRejectedAndOnlyGoodCampaignsSent() throws Exception {
		String account = freshAccount();
		Path report = reportFile();

		JobExecution execution = this.batch.startJob(parameters(sample(MISTAKES_SAMPLE, account), account, false, report));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<Long, String> byRow = new TreeMap<>();
		for (ReportLine line : reportLines(execution.getJobInstanceId())) {
			byRow.merge(line.row(), (line.status() + " " + line.errorCode()).strip(), (a, b) -> a + " | " + b);
		}
		assertThat(byRow).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
				Map.entry(2L, "SCHEDULED"),
				Map.entry(3L, "DUPLICATE DUPLICATE_DEVICE"),
				Map.entry(4L, "CONFLICT CONFLICTING_SCHEDULE"),
				Map.entry(5L, "INVALID INVALID_IMEI"),
				Map.entry(6L, "INVALID INVALID_IMEI"),
				Map.entry(7L, "INVALID INVALID_IMEI"),
				Map.entry(8L, "INVALID MISSING_FIELD | INVALID MISSING_FIELD"),
				Map.entry(9L, "INVALID INVALID_DATE"),
				Map.entry(10L, "INVALID DATE_IN_PAST"),
				Map.entry(11L, "INVALID DATE_ORDER"),
				Map.entry(12L, "INVALID INVALID_DISTRIBUTION_TYPE"),
				Map.entry(13L, "INVALID INVALID_TIME_WINDOW"),
				Map.entry(14L, "CONFLICT DEVICE_IN_OVERLAPPING_CAMPAIGN"),
				Map.entry(15L, "INVALID MISSING_FIELD"),
				Map.entry(16L, "SCHEDULED"))));
		List<String> sent = campaignsAtTheSimulator(account).stream()
			.flatMap(campaign -> campaign.deviceList().stream())
			.toList();
		assertThat(sent).as("only devices of valid rows reach ThingSpace")
			.containsExactlyInAnyOrder("352099000000147", "352099000000253");
	}

	@Test
	void theSameInputAgainIsAlreadyCompleteAndSendsNothingMore() throws Exception {
		String account = freshAccount();
		JobParameters parameters = parameters(sample(CLEAN_SAMPLE, account), account, false, reportFile());

		JobRun first = this.launcher.launch(parameters);
		int sent = campaignsAtTheSimulator(account).size();
		JobRun again = this.launcher.launch(parameters);

		assertThat(first.kind()).isEqualTo(JobRun.Kind.RAN);
		assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(sent).isEqualTo(3);
		assertThat(again.kind()).isEqualTo(JobRun.Kind.ALREADY_COMPLETE);
		assertThat(again.execution().getId()).isEqualTo(first.execution().getId());
		assertThat(campaignsAtTheSimulator(account)).hasSize(3);
	}
}
