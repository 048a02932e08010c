package io.github.campaignbatch.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The wave plan of a rollout: sizes from a campaign's device count, and the policy's own rules. */
class RolloutPolicyTest {

	@Test
	void aPilotThenCumulativePercentagesOfTheWholeCampaign() {
		RolloutPolicy policy = RolloutPolicy.of(20, List.of(50, 100), null);

		assertThat(policy.waveSizes(100)).containsExactly(20, 30, 50);
		assertThat(policy.describeWaves(policy.waveSizes(100))).isEqualTo("pilot 20, then 30, then 50");
		assertThat(policy.gateSuccess()).isEqualByComparingTo("0.9");
	}

	@Test
	void percentagesRoundUpSoThatNoDeviceIsLeftBehind() {
		RolloutPolicy policy = RolloutPolicy.of(null, List.of(10, 50, 100), null);

		assertThat(policy.waveSizes(7)).containsExactly(1, 3, 3);
		assertThat(policy.waveSizes(7).stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
		assertThat(policy.describeWaves(policy.waveSizes(7))).isEqualTo("first 1, then 3, then 3");
	}

	@Test
	void aPilotAloneIsThePilotThenEveryone() {
		RolloutPolicy policy = RolloutPolicy.of(20, null, new BigDecimal("0.8"));

		assertThat(policy.waveSizes(1200)).containsExactly(20, 1180);
		assertThat(policy.describe()).isEqualTo("pilot 20, waves 100, gate 0.8");
	}

	@Test
	void wavesThatThePilotAlreadyCoversAreLeftOutAndASmallCampaignIsOneWave() {
		RolloutPolicy policy = RolloutPolicy.of(20, List.of(10, 30, 100), null);

		// 10% of 100 is inside the pilot: no empty wave
		assertThat(policy.waveSizes(100)).containsExactly(20, 10, 70);
		assertThat(policy.waveSizes(15)).containsExactly(15);
		assertThat(policy.describeWaves(policy.waveSizes(15))).isEqualTo("all 15 at once");
	}

	@Test
	void theSplitDependsOnTheDeviceCountAlone() {
		RolloutPolicy policy = RolloutPolicy.of(5, List.of(33, 66, 100), null);

		for (int devices = 0; devices < 500; devices++) {
			List<Integer> sizes = policy.waveSizes(devices);
			assertThat(sizes).isEqualTo(policy.waveSizes(devices)).doesNotContain(0);
			assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(devices);
		}
	}

	@Test
	void theParameterFormReadsBackAsTheSamePolicy() {
		RolloutPolicy policy = RolloutPolicy.of(20, List.of(50, 100), new BigDecimal("0.90"));

		assertThat(policy.parameter()).isEqualTo("pilot=20;waves=50,100;gate=0.9");
		assertThat(RolloutPolicy.parse(policy.parameter())).isEqualTo(policy);
		assertThat(RolloutPolicy.parse(null)).isEqualTo(RolloutPolicy.NONE);
		assertThat(RolloutPolicy.of(null, null, null)).isEqualTo(RolloutPolicy.NONE);
		assertThat(RolloutPolicy.NONE.waveSizes(42)).containsExactly(42);
	}

	@Test
	void badPoliciesAreRefusedNamingTheOption() {
		assertThatThrownBy(() -> RolloutPolicy.of(0, null, null)).hasMessageContaining("--pilot must be at least 1");
		assertThatThrownBy(() -> RolloutPolicy.of(null, List.of(50, 40, 100), null)).hasMessageContaining("--waves")
			.hasMessageContaining("50,40,100");
		assertThatThrownBy(() -> RolloutPolicy.of(null, List.of(10, 50), null)).hasMessageContaining("must end with 100");
		assertThatThrownBy(() -> RolloutPolicy.of(5, null, new BigDecimal("1.5"))).hasMessageContaining("--gate-success");
		assertThatThrownBy(() -> RolloutPolicy.of(null, null, new BigDecimal("0.5")))
			.hasMessageContaining("--gate-success applies to a rollout in waves");
		assertThatThrownBy(() -> RolloutPolicy.parsePercents("10,half,100")).hasMessageContaining("'half'");
	}

	@Test
	void aWaveIsNamedAfterItsCampaignWithinTheNameLength() {
		assertThat(CampaignNames.wave("fw", 2, 3, 1, 1)).isEqualTo("fw-wave-2-of-3");
		assertThat(CampaignNames.wave("fw", 2, 3, 1, 2)).isEqualTo("fw-wave-2-of-3-part-1-of-2");
		assertThat(CampaignNames.wave("fw", 1, 1, 1, 1)).isEqualTo("fw");
		String longName = "x".repeat(300);
		assertThat(CampaignNames.wave(longName, 2, 3, 1, 2)).hasSize(CampaignNames.MAX_NAME_LENGTH)
			.endsWith("-wave-2-of-3-part-1-of-2");
	}
}
