package io.github.campaignbatch.job;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class RunTargetTest {

	@Test
	void aRealTargetIsTheOriginOnlyNeverAPathOrUserInfo() {
		assertThat(RunTarget.realApi("https://user:s3cret@ThingSpace.Verizon.com/api/").value())
			.isEqualTo("https://thingspace.verizon.com:443");
		assertThat(RunTarget.realApi("http://127.0.0.1:8089").value()).isEqualTo("http://127.0.0.1:8089");
		assertThat(RunTarget.realApi("http://localhost").value()).isEqualTo("http://localhost:80");
	}

	@Test
	void anExecutionRestartsOnlyAgainstItsOwnTarget() {
		RunTarget real = RunTarget.realApi("https://thingspace.verizon.com");
		RunTarget other = RunTarget.realApi("https://test.example.com");

		assertThat(RunTarget.SIMULATOR.mayRestart(RunTarget.SIMULATOR)).isTrue();
		assertThat(RunTarget.SIMULATOR.mayRestart(real)).isFalse();
		assertThat(real.mayRestart(RunTarget.SIMULATOR)).isFalse();
		assertThat(real.mayRestart(real)).isTrue();
		assertThat(real.mayRestart(other)).isFalse();
		assertThat(RunTarget.UNRECORDED.mayRestart(other)).as("recorded before targets: a real run").isTrue();
		assertThat(RunTarget.UNRECORDED.mayRestart(RunTarget.SIMULATOR)).isFalse();
		assertThat(RunTarget.NONE.mayRestart(RunTarget.NONE)).isTrue();
		assertThat(RunTarget.NONE.mayRestart(real)).isFalse();
	}

	@Test
	void theTargetIsReadFromTheJobParameters() {
		var simulated = new JobParametersBuilder().addString(CampaignJobParameters.MODE, CampaignJobParameters.MODE_SUBMIT)
			.addString(CampaignJobParameters.TARGET, "simulator")
			.toJobParameters();
		var unrecorded = new JobParametersBuilder().addString(CampaignJobParameters.MODE, CampaignJobParameters.MODE_SUBMIT)
			.toJobParameters();
		var dryRun = new JobParametersBuilder().addString(CampaignJobParameters.MODE, CampaignJobParameters.MODE_DRY_RUN)
			.toJobParameters();

		assertThat(RunTarget.of(simulated).simulated()).isTrue();
		assertThat(RunTarget.of(unrecorded)).isEqualTo(RunTarget.UNRECORDED);
		assertThat(RunTarget.of(unrecorded).real()).isTrue();
		assertThat(RunTarget.of(dryRun).dryRun()).isTrue();
		assertThat(CampaignJobParameters.withoutTarget(simulated).getString(CampaignJobParameters.TARGET)).isNull();
	}
}
