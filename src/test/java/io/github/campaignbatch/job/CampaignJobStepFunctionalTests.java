package io.github.campaignbatch.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.report.CampaignLine;
import io.github.campaignbatch.report.DeviceOutcome;
import io.github.campaignbatch.report.ReportLine;
import io.github.campaignbatch.simulator.SimulatedCampaign;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each step of the campaign job on its own, in the job's cached Spring context: Batch runs the step alone (in a
 * one-step job, {@code JobOperatorTestUtils.startStep}) on a job instance that holds what the steps before it left
 * (they ran alone before it, see {@link Batch#startSteps}), and the test checks what that one step produced.
 */
class CampaignJobStepFunctionalTests extends JobFunctionalTestSupport {

	@Test
	void loadStagesEveryDeviceWithItsRowProblemsAndLeavesCrossRowRulesToGrouping() {
		String account = freshAccount();
		JobParameters parameters = parameters(sample(MISTAKES_SAMPLE, account), account, false, reportFile());

		JobExecution execution = this.batch.startStep("load", parameters);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution load = this.batch.onlyStep(execution);
		assertThat(load.getStepName()).isEqualTo("load");
		assertThat(load.getReadCount()).as("data rows").isEqualTo(15);
		long instance = execution.getJobInstanceId();
		assertThat(this.results.rowCount(instance)).isEqualTo(15);
		assertThat(reportLines(instance)).as("one line per device, the empty-IMEI row included").hasSize(16);
		assertThat(this.results.rejectionsByCode(instance)).as("row rules only: no DUPLICATE or CONFLICT yet")
			.containsOnly(Map.entry("MISSING_FIELD", 3L), Map.entry("INVALID_IMEI", 3L), Map.entry("INVALID_DATE", 1L),
					Map.entry("DATE_IN_PAST", 1L), Map.entry("DATE_ORDER", 1L),
					Map.entry("INVALID_DISTRIBUTION_TYPE", 1L), Map.entry("INVALID_TIME_WINDOW", 1L));
		assertThat(campaigns(instance)).as("no campaign before the group step").isEmpty();
	}

	@Test
	void groupPlansOneCampaignPerNameAndScheduleAndRejectsDuplicatesAndConflicts() {
		String account = freshAccount();
		JobParameters parameters = parameters(sample(MISTAKES_SAMPLE, account), account, false, reportFile());

		JobExecution execution = this.batch.startSteps(parameters, "load", "group");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long instance = execution.getJobInstanceId();
		List<CampaignLine> campaigns = campaigns(instance);
		assertThat(campaigns).extracting(CampaignLine::name, CampaignLine::devices, CampaignLine::state)
			.containsExactly(tuple("Gateway rollout", 1, "PLANNED"),
					tuple("gateway-cfg-7.json_7.0_2030-05-01_" + parameters.getString(CampaignJobParameters.INPUT_SHA256)
						.substring(0, 8), 1, "PLANNED"));
		assertThat(this.batch.onlyStep(execution).getWriteCount()).isEqualTo(campaigns.size());
		Map<DeviceOutcome, Long> outcomes = this.results.outcomeCounts(instance);
		assertThat(outcomes).containsEntry(DeviceOutcome.PLANNED, 2L)
			.containsEntry(DeviceOutcome.DUPLICATE, 1L)
			.containsEntry(DeviceOutcome.CONFLICT, 2L)
			.containsEntry(DeviceOutcome.INVALID, 11L);
		assertThat(campaignsAtTheSimulator(account)).as("grouping sends nothing").isEmpty();
	}

	@Test
	void submitSendsEachPlannedCampaignOnceAndRecordsItsIdOrTheVendorsRejection() throws Exception {
		String account = freshAccount();
		Path input = sample(CLEAN_SAMPLE, account);
		Files.writeString(input, account + ",Unknown file,no-such-fw.bin,9.9,HTTP,2030-05-01,2030-05-31,,,,,352099000000261\n",
				StandardOpenOption.APPEND);
		JobParameters parameters = parameters(input, account, false, reportFile());

		JobExecution execution = this.batch.startSteps(parameters, "load", "group", "submit");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<SimulatedCampaign> atSimulator = campaignsAtTheSimulator(account);
		assertThat(atSimulator).extracting(SimulatedCampaign::campaignName)
			.hasSize(3)
			.doesNotHaveDuplicates()
			.contains("Tracker fleet wave 1", "Tracker fleet wave 2");
		List<CampaignLine> campaigns = campaigns(execution.getJobInstanceId());
		assertThat(campaigns).hasSize(4);
		for (CampaignLine campaign : campaigns) {
			if (campaign.fileName().equals("no-such-fw.bin")) {
				assertThat(campaign.state()).isEqualTo("REJECTED");
				assertThat(campaign.campaignId()).isEmpty();
				assertThat(campaign.errorMessage()).contains("no-such-fw.bin").contains("available");
			}
			else {
				assertThat(campaign.state()).isEqualTo("SCHEDULED");
				assertThat(atSimulator).anySatisfy(sent -> {
					assertThat(sent.id()).isEqualTo(campaign.campaignId());
					assertThat(sent.campaignName()).isEqualTo(campaign.name());
					assertThat(sent.deviceList()).hasSize(campaign.devices());
				});
			}
		}
		assertThat(this.batch.onlyStep(execution).getWriteCount()).as("campaigns sent; the unavailable file is refused before any POST")
			.isEqualTo(3);
	}

	@Test
	void reportWritesOneLinePerDeviceInInputOrderWithItsOutcome() throws Exception {
		String account = freshAccount();
		Path report = reportFile();
		JobParameters parameters = parameters(sample(CLEAN_SAMPLE, account), account, true, report);

		JobExecution execution = this.batch.startSteps(parameters, "load", "group", "report");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.batch.onlyStep(execution).getWriteCount()).isEqualTo(13);
		List<String> lines = Files.readAllLines(report);
		assertThat(lines).hasSize(14);
		assertThat(lines.get(0)).isEqualTo(String.join(",", ReportLine.HEADER));
		assertThat(lines.get(1))
			.startsWith("2,352099000000014," + account + ",Tracker fleet wave 1,tracker-fw-2.4.1.bin,2.4.1,PLANNED,");
		assertThat(lines.get(13)).startsWith("11,352099000000139," + account + ",sensor-fw-1.9.0.bin_1.9.0_2030-04-01_");
		assertThat(lines.subList(1, 14)).allMatch(line -> line.contains(",PLANNED,"));
		assertThat(campaignsAtTheSimulator(account)).isEmpty();
	}

	private List<CampaignLine> campaigns(long instance) {
		List<CampaignLine> campaigns = new ArrayList<>();
		this.results.forEachCampaign(instance, campaigns::add);
		return campaigns;
	}
}
