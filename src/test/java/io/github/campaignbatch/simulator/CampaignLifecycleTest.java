package io.github.campaignbatch.simulator;

import io.github.campaignbatch.support.MutableClock;

import static io.github.campaignbatch.simulator.SimulatorClient.campaign;
import static io.github.campaignbatch.simulator.SimulatorClient.imei;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Campaigns run to an end over configured time; devices reach their results at the configured rates. */
class CampaignLifecycleTest {

	private static final String TODAY = "2030-06-15";
	private static final String NEXT_WEEK = "2030-06-22";
	private static final int DEVICES = 2500;

	private final MutableClock clock = new MutableClock(Instant.parse(TODAY + "T10:00:00Z"));
	private SimulatorServer simulator;
	private SimulatorClient client;

	@BeforeEach
	void start() {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults()
				.withClock(this.clock)
				.withStatusAdvanceAfter(Duration.ofSeconds(2))
				.withLifecycle(new SimulatorOptions.Lifecycle(Duration.ofSeconds(100), 0.2, 0.1)));
		this.client = new SimulatorClient(this.simulator.baseUrl()).authenticated();
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void aCampaignRunsFromPendingThroughScheduledToEndedWithDevicesReachingTheirResults() {
		String id = scheduleBig("c", TODAY);
		assertThat(status(id)).isEqualTo("CampaignRequestPending");
		assertThat(counts(id)).containsOnlyKeys("Accepted");

		this.clock.advance(Duration.ofSeconds(52));
		Map<String, Integer> halfway = counts(id);
		assertThat(status(id)).isEqualTo("CampaignScheduled");
		assertThat(halfway.get("Accepted")).isBetween(DEVICES / 2 - 200, DEVICES / 2 + 200);
		assertThat(halfway).containsKeys("UpgradeSuccess", "UpgradeFailed", "DeviceRejected");

		this.clock.advance(Duration.ofSeconds(50));
		Map<String, Integer> end = counts(id);
		assertThat(status(id)).isEqualTo("CampaignEnded");
		assertThat(end).doesNotContainKey("Accepted");
		assertThat(end.get("DeviceRejected")).isBetween(150, 350);
		assertThat(end.get("UpgradeFailed")).isBetween(400, 600);
		assertThat(end.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(DEVICES);
		assertThat(devices(id)).as("every poll tells the same story").isEqualTo(devices(id));
	}

	@Test
	void theSameSeedGivesTheSameResultsAfterARestartOnTheStateFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
		SimulatorOptions options = SimulatorOptions.defaults().withClock(this.clock)
				.withLifecycle(new SimulatorOptions.Lifecycle(Duration.ofSeconds(10), 0.3, 0.1))
				.withStateFile(dir.resolve("state.json"));
		Map<String, String> before;
		String id;
		try (SimulatorServer first = SimulatorServer.start(options)) {
			SimulatorClient firstClient = new SimulatorClient(first.baseUrl()).authenticated();
			id = firstClient.schedule(campaign("c", TODAY, NEXT_WEEK, imei(1), imei(2), imei(3), imei(4))).body().get("id").asString();
			this.clock.advance(Duration.ofSeconds(60));
			before = devices(firstClient, id);
		}
		try (SimulatorServer second = SimulatorServer.start(options)) {
			assertThat(devices(new SimulatorClient(second.baseUrl()).authenticated(), id)).isEqualTo(before);
		}
	}

	@Test
	void anAbortedCampaignKeepsTheResultsReachedAndStopsTheRest() {
		String id = scheduleBig("c", TODAY);
		this.clock.advance(Duration.ofSeconds(52));

		assertThat(this.client.cancelCampaign(id).status()).isEqualTo(200);
		Map<String, Integer> atAbort = counts(id);
		this.clock.advance(Duration.ofSeconds(200));

		assertThat(status(id)).isEqualTo("CampaignAborted");
		assertThat(atAbort).doesNotContainKey("Accepted");
		assertThat(atAbort.get("CampaignAborted")).isBetween(DEVICES / 2 - 200, DEVICES / 2 + 200);
		assertThat(counts(id)).as("nothing moves after the abort").isEqualTo(atAbort);
	}

	@Test
	void aCampaignCancelledBeforeItIsScheduledHasEveryDeviceCancelled() {
		String id = scheduleBig("c", NEXT_WEEK);

		this.client.cancelCampaign(id);
		this.clock.advance(Duration.ofSeconds(500));

		assertThat(status(id)).isEqualTo("CampaignCancelled");
		assertThat(counts(id)).containsExactly(Map.entry("CampaignCancelled", DEVICES));
	}

	@Test
	void declaredFilesAreListedAndMayBeScheduled() {
		assertThat(UploadedFile.parse("my-fw.bin:3.1:oma").distributionType()).isEqualTo("OMA");
		Map<String, Object> body = campaign("own", TODAY, NEXT_WEEK, imei(1));
		body.put("fileName", "my-fw.bin");
		body.put("fileVersion", "3.1");
		assertThat(this.client.schedule(body).status()).isEqualTo(400);

		this.simulator.makeAvailable(List.of(UploadedFile.parse("my-fw.bin:3.1")));

		JsonNode files = this.client.get("/api/fota/v2/files/" + SimulatorClient.ACCOUNT + "?distributionType=HTTP").body();
		assertThat(files.get("AvailableFilesResponse").findValuesAsString("fileName")).contains("my-fw.bin");
		assertThat(this.client.schedule(body).status()).isEqualTo(200);
	}

	private String scheduleBig(String name, String startDate) {
		String[] devices = LongStream.range(0, DEVICES).mapToObj(SimulatorClient::imei).toArray(String[]::new);
		return this.client.schedule(campaign(name, startDate, NEXT_WEEK, devices)).body().get("id").asString();
	}

	private String status(String id) {
		return this.client.getCampaign(id).body().get("status").asString();
	}

	private Map<String, Integer> counts(String id) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		devices(id).values().forEach(status -> counts.merge(status, 1, Integer::sum));
		return counts;
	}

	private Map<String, String> devices(String id) {
		return devices(this.client, id);
	}

	/** Every device's status, following lastSeenDeviceId over the pages. */
	private static Map<String, String> devices(SimulatorClient client, String id) {
		Map<String, String> statuses = new LinkedHashMap<>();
		String lastSeen = "0";
		List<Integer> pageSizes = new ArrayList<>();
		while (true) {
			JsonNode page = client.devices(id, lastSeen).body();
			pageSizes.add(page.get("deviceList").size());
			for (JsonNode device : page.get("deviceList")) {
				statuses.put(device.get("deviceId").asString(), device.get("status").asString());
			}
			if (!page.get("hasMoreData").asBoolean()) {
				return statuses;
			}
			lastSeen = page.get("lastSeenDeviceId").asString();
		}
	}
}
