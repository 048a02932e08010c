package io.github.campaignbatch.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import io.github.campaignbatch.rollout.Gate.Decision;
import io.github.campaignbatch.rollout.Gate.Reading;
import org.junit.jupiter.api.Test;

/** The gate rule: decide as soon as the answer cannot change, otherwise wait; at the end, the final devices count. */
class GateTest {

	private static final BigDecimal GATE = new BigDecimal("0.9");

	@Test
	void passesAtTheSuccessThatNoLaterFailureCanUndo() {
		assertThat(Gate.decide(new Reading(20, 17, 0, false), GATE)).isEqualTo(Decision.WAIT);
		assertThat(Gate.decide(new Reading(20, 18, 0, false), GATE)).isEqualTo(Decision.PASS);
		assertThat(Gate.decide(new Reading(20, 18, 2, true), GATE)).isEqualTo(Decision.PASS);
	}

	@Test
	void haltsAtTheFailureThatNoLaterSuccessCanMakeUpFor() {
		assertThat(Gate.decide(new Reading(20, 0, 2, false), GATE)).isEqualTo(Decision.WAIT);
		assertThat(Gate.decide(new Reading(20, 0, 3, false), GATE)).isEqualTo(Decision.HALT);
		assertThat(Gate.decide(new Reading(20, 12, 8, true), GATE)).isEqualTo(Decision.HALT);
	}

	@Test
	void onceEveryCampaignEndedOnlyTheDevicesThatReachedAFinalStatusCount() {
		// 10 succeeded, 1 failed, 9 never reported: 10 of 11 is 90.9%
		assertThat(Gate.decide(new Reading(20, 10, 1, true), GATE)).isEqualTo(Decision.PASS);
		assertThat(Gate.decide(new Reading(20, 10, 2, true), GATE)).isEqualTo(Decision.HALT);
		assertThat(Gate.decide(new Reading(20, 0, 0, true), GATE)).isEqualTo(Decision.HALT);
		assertThat(Gate.decide(new Reading(20, 10, 1, false), GATE)).isEqualTo(Decision.WAIT);
	}

	@Test
	void aGateOfOneNeedsEveryDevice() {
		BigDecimal all = BigDecimal.ONE;
		assertThat(Gate.decide(new Reading(5, 4, 0, false), all)).isEqualTo(Decision.WAIT);
		assertThat(Gate.decide(new Reading(5, 5, 0, false), all)).isEqualTo(Decision.PASS);
		assertThat(Gate.decide(new Reading(5, 4, 1, false), all)).isEqualTo(Decision.HALT);
	}

	@Test
	void theReadingSaysTheMeasuredRate() {
		assertThat(new Reading(20, 12, 8, true).describe())
			.isEqualTo("12 of 20 device(s) that reached a final status succeeded (60%)");
		assertThat(new Reading(20, 2, 1, false).describe())
			.isEqualTo("2 of 3 device(s) that reached a final status succeeded (66.66%, 17 still pending)");
		assertThat(new Reading(20, 0, 0, false).describe()).isEqualTo("none of 20 device(s) reached a final status yet");
	}
}
