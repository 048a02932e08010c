package io.github.campaignbatch.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceOutcomeTest {

	@Test
	void aValidDeviceWhoseRunStoppedBeforeGroupingWasNeverSentSoItIsPlannedNotUnknown() {
		assertThat(DeviceOutcome.ofEntry("VALID", null)).isEqualTo(DeviceOutcome.PLANNED);
	}

	@Test
	void aValidDeviceTakesItsCampaignsStateAndAnInvalidOneItsValidationStatus() {
		assertThat(DeviceOutcome.ofEntry("VALID", "SUBMITTING")).isEqualTo(DeviceOutcome.UNKNOWN);
		assertThat(DeviceOutcome.ofEntry("VALID", "SCHEDULED")).isEqualTo(DeviceOutcome.SCHEDULED);
		assertThat(DeviceOutcome.ofEntry("CONFLICT", null)).isEqualTo(DeviceOutcome.CONFLICT);
	}
}
