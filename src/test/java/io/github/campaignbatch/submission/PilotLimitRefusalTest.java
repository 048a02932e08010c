package io.github.campaignbatch.submission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which refusals are taken for the pilot limit (the vendor publishes none), and what their devices are told. */
class PilotLimitRefusalTest {

	@Test
	void aRefusalThatSpeaksOfAPilotGetsTheVendorsWordsAndTheWayOut() {
		String explained = PilotLimitRefusal.explain("PILOT_LIMIT_EXCEEDED", "Pilot limits apply: at most 20 devices");

		assertThat(explained).startsWith("ThingSpace refused this campaign for its pilot limit (PILOT_LIMIT_EXCEEDED:"
				+ " Pilot limits apply: at most 20 devices)")
			.contains("run the input with --pilot 20 to roll out within the limit");
		assertThat(PilotLimitRefusal.recognises("UnifiedWebService.INPUT_INVALID", "pilot campaign required")).isTrue();
		assertThat(PilotLimitRefusal.recognises("FOTA.PilotLimit", null)).isTrue();
	}

	@Test
	void anyOtherRefusalKeepsTheVendorsMessageAsItIs() {
		assertThat(PilotLimitRefusal.recognises("UnifiedWebService.INPUT_INVALID", "Invalid device id format")).isFalse();
		assertThat(PilotLimitRefusal.explain("UnifiedWebService.INPUT_INVALID", "Invalid device id format"))
			.isEqualTo("Invalid device id format");
		assertThat(PilotLimitRefusal.explain(null, null)).isNull();
	}
}
