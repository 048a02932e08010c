package io.github.campaignbatch.simulator;

import static io.github.campaignbatch.simulator.SimulatorClient.campaign;
import static io.github.campaignbatch.simulator.SimulatorClient.imei;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The two calls that change a campaign, with the vendor's rules: dates and windows, devices. */
class CampaignChangesTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2030-06-10T10:00:00Z"));

	private SimulatorServer simulator;

	private SimulatorClient client;

	private String id;

	@BeforeEach
	void scheduleOne() {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults().withClock(this.clock)
			.withStatusAdvanceAfter(Duration.ofMinutes(10)));
		this.client = new SimulatorClient(this.simulator.baseUrl()).authenticated();
		this.id = this.client.schedule(campaign("c", "2030-06-15", "2030-06-20", imei(1), imei(2))).body().get("id")
			.asString();
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void beforeTheStartEveryDateAndWindowMayChangeAndWhatIsLeftOutIsCleared() {
		SimulatorClient.Reply changed = this.client.changeDates(this.id, dates("2030-06-12", "2030-06-25", List.of(window(22, 24))));

		assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
		JsonNode campaign = this.client.getCampaign(this.id).body();
		assertThat(campaign.get("startDate").asString()).isEqualTo("2030-06-12");
		assertThat(campaign.get("endDate").asString()).isEqualTo("2030-06-25");
		assertThat(campaign.get("downloadTimeWindowList").toString()).isEqualTo("[{\"startTime\":22,\"endTime\":24}]");
		assertThat(campaign.get("downloadAfterDate").isNull()).as("not sent, so cleared").isTrue();
		assertThat(campaign.get("installTimeWindowList").isNull()).isTrue();
	}

	@Test
	void aStartInThePastIsRefused() {
		SimulatorClient.Reply refused = this.client.changeDates(this.id, dates("2030-06-09", "2030-06-25", List.of()));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errorMessage()).isEqualTo("invalid start date");
	}

	@Test
	void onceStartedOnlyALaterEndAtLeastADayAwayAndMoreWindowsAreAccepted() {
		this.clock.advance(Duration.ofDays(6));
		this.client = new SimulatorClient(this.simulator.baseUrl()).authenticated();
		Map<String, Object> kept = started("2030-06-22");
		kept.put("downloadTimeWindowList", List.of(window(1, 5), window(20, 22)));

		assertThat(this.client.changeDates(this.id, kept).status()).isEqualTo(200);

		Map<String, Object> movedStart = started("2030-06-22");
		movedStart.put("startDate", "2030-06-17");
		assertThat(this.client.changeDates(this.id, movedStart).errorMessage())
			.isEqualTo("Campaign " + this.id + " has started: only its end date and time windows can be changed");
		assertThat(this.client.changeDates(this.id, started("2030-06-16")).errorMessage())
			.isEqualTo("Campaign " + this.id + " has started: its end date must be at least 24 hours from now");
		Map<String, Object> fewerWindows = started("2030-06-22");
		fewerWindows.put("installTimeWindowList", List.of());
		assertThat(this.client.changeDates(this.id, fewerWindows).errorMessage())
			.isEqualTo("Campaign " + this.id + " has started: time windows can be added, not removed");
		assertThat(this.client.getCampaign(this.id).body().get("downloadTimeWindowList").size()).isEqualTo(2);
	}

	@Test
	void devicesAreAppendedAndRemovedWhilePendingAndRefusedOnceScheduled() {
		String other = this.client.schedule(campaign("other", "2030-06-15", "2030-06-20", imei(9))).body().get("id")
			.asString();

		SimulatorClient.Reply changed = this.client.changeDevices(this.id, List.of(imei(3), imei(1)), List.of(imei(2)));

		assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
		assertThat(changed.body().get("campaignId").asString()).isEqualTo(this.id);
		assertThat(changed.body().get("requestId").asString()).isNotBlank();
		assertThat(devices()).containsExactly(imei(1), imei(3));
		assertThat(this.client.changeDevices(this.id, List.of(imei(9)), List.of()).errorMessage())
			.startsWith("Device " + imei(9) + " is already in active campaign " + other);
		assertThat(this.client.changeDevices(this.id, List.of(), List.of(imei(1), imei(3))).errorMessage())
			.isEqualTo("Device list is empty");
		assertThat(this.client.changeDevices(other, List.of(imei(2)), List.of()).status())
			.as("a removed device is free for another campaign").isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(10));

		SimulatorClient.Reply late = this.client.changeDevices(this.id, List.of(imei(4)), List.of());
		assertThat(late.status()).isEqualTo(400);
		assertThat(late.errorMessage()).isEqualTo("Devices can be added or removed only while the campaign is"
				+ " CampaignRequestPending or CampaignRequestQueued; campaign " + this.id + " is CampaignScheduled");
	}

	@Test
	void aLostChangeAnswerHidesOnlyTheAnswer() {
		this.simulator.loseChangeAnswers(1.0);

		SimulatorClient.Reply lost;
		try {
			lost = this.client.changeDates(this.id, dates("2030-06-16", "2030-06-21", List.of()));
		}
		catch (java.io.UncheckedIOException dropped) {
			lost = null;
		}

		assertThat(lost == null || lost.status() == 500).isTrue();
		assertThat(this.client.getCampaign(this.id).body().get("startDate").asString()).isEqualTo("2030-06-16");
		assertThat(this.simulator.changeRequestCount()).isEqualTo(1);
	}

	private List<String> devices() {
		List<String> devices = new java.util.ArrayList<>();
		this.client.devices(this.id, "0").body().get("deviceList").forEach(device -> devices.add(device.get("deviceId").asString()));
		return devices;
	}

	/** The campaign's schedule as created, with another end date. */
	private static Map<String, Object> started(String endDate) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("startDate", "2030-06-15");
		body.put("endDate", endDate);
		body.put("downloadAfterDate", "2030-06-15");
		body.put("downloadTimeWindowList", List.of(window(1, 5)));
		body.put("installAfterDate", "2030-06-15");
		body.put("installTimeWindowList", List.of(window(2, 6)));
		return body;
	}

	private static Map<String, Object> dates(String start, String end, List<Map<String, Object>> windows) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("startDate", start);
		body.put("endDate", end);
		body.put("downloadTimeWindowList", windows);
		return body;
	}

	private static Map<String, Object> window(int start, int end) {
		return Map.of("startTime", start, "endTime", end);
	}
}
