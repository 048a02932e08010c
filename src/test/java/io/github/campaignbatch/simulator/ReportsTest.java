package io.github.campaignbatch.simulator;

import io.github.campaignbatch.support.MutableClock;

import static io.github.campaignbatch.simulator.SimulatorClient.campaign;
import static io.github.campaignbatch.simulator.SimulatorClient.imei;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.campaignbatch.simulator.SimulatorClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReportsTest {

	private static final String TODAY = "2030-06-15";
	private static final String NEXT_WEEK = "2030-06-22";

	private final MutableClock clock = new MutableClock(Instant.parse(TODAY + "T10:00:00Z"));
	private SimulatorServer simulator;
	private SimulatorClient client;

	@BeforeEach
	void start() {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults()
				.withClock(this.clock)
				.withStatusAdvanceAfter(Duration.ofSeconds(10))
				.withHistoryPageSize(3));
		this.client = new SimulatorClient(this.simulator.baseUrl()).authenticated();
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void historyPagesThroughOneStatusInCreationOrder() {
		List<String> created = scheduleCampaigns(7);

		List<JsonNode> pages = this.client.historyPages("CampaignRequestPending");

		assertThat(pages).hasSize(3);
		assertThat(pages).extracting(page -> page.get("campaignList").size()).containsExactly(3, 3, 1);
		assertThat(pages).extracting(page -> page.get("hasMoreData").asBoolean()).containsExactly(true, true, false);
		assertThat(pages.get(0).get("lastSeenCampaignId").asString()).isEqualTo(created.get(2));
		assertThat(pages.stream().flatMap(page -> ids(page).stream())).containsExactlyElementsOf(created);
	}

	@Test
	void historyItemsAreTheCampaignModelWithoutFileFields() {
		scheduleCampaigns(1);

		JsonNode item = this.client.history("CampaignRequestPending", "0").body().at("/campaignList/0");

		assertThat(item.get("campaignName").asString()).isEqualTo("campaign-0");
		assertThat(item.get("startDate").asString()).isEqualTo(TODAY);
		assertThat(item.get("distributionType").asString()).isEqualTo("HTTP");
		assertThat(item.at("/installTimeWindowList/0/endTime").asInt()).isEqualTo(6);
		assertThat(item.has("fileName")).isFalse();
		assertThat(item.has("fileVersion")).isFalse();
	}

	@Test
	void historySeesCampaignsMoveFromPendingToScheduled() {
		List<String> first = scheduleCampaigns(2);
		this.clock.advance(Duration.ofSeconds(10));
		String later = this.client.schedule(campaign("later", TODAY, NEXT_WEEK, imei(99))).body().get("id").asString();

		assertThat(ids(this.client.history("CampaignScheduled", "0").body())).containsExactlyElementsOf(first);
		assertThat(ids(this.client.history("CampaignRequestPending", "0").body())).containsExactly(later);
		assertThat(ids(this.client.history("CampaignCancelled", "0").body())).isEmpty();
	}

	@Test
	void anEmptyPageKeepsTheLastSeenIdAndHasNoMoreData() {
		JsonNode page = this.client.history("CampaignScheduled", "0").body();

		assertThat(page.get("hasMoreData").asBoolean()).isFalse();
		assertThat(page.get("lastSeenCampaignId").asString()).isEqualTo("0");
		assertThat(page.get("campaignList").isEmpty()).isTrue();
	}

	@Test
	void historyRequiresACampaignStatus() {
		Reply reply = this.client.get("/api/fota/v2/reports/" + SimulatorClient.ACCOUNT + "/campaigns?lastSeenCampaignId=0");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorCode()).isEqualTo("INVALID_PARAMETER");
		assertThat(reply.errorMessage()).isEqualTo("campaignStatus is required");
	}

	@Test
	void historyRefusesAnUnknownLastSeenCampaignId() {
		Reply reply = this.client.history("CampaignScheduled", UUID.randomUUID().toString());

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorMessage()).isEqualTo("LastSeenCampaignId Not Valid");
	}

	@Test
	void deviceReportListsEveryDeviceAcceptedWhilePending() {
		String id = this.client.schedule(campaign("c", TODAY, NEXT_WEEK, imei(1), imei(2))).body().get("id").asString();

		JsonNode report = this.client.devices(id, "0").body();

		assertThat(report.get("totalDevice").asInt()).isEqualTo(2);
		assertThat(report.get("hasMoreData").asBoolean()).isFalse();
		assertThat(report.get("maxPageSize").asInt()).isEqualTo(1000);
		assertThat(report.get("lastSeenDeviceId").asString()).isEqualTo(imei(2));
		assertThat(report.at("/deviceList/0/deviceId").asString()).isEqualTo(imei(1));
		assertThat(report.at("/deviceList/0/status").asString()).isEqualTo("Accepted");
		assertThat(report.at("/deviceList/0/resultReason").asString()).isNotBlank();
	}

	@Test
	void deviceReportPagesByAThousand() {
		String[] devices = LongStream.range(0, 1001).mapToObj(SimulatorClient::imei).toArray(String[]::new);
		String id = this.client.schedule(campaign("big", TODAY, NEXT_WEEK, devices)).body().get("id").asString();

		JsonNode first = this.client.devices(id, "0").body();
		JsonNode second = this.client.devices(id, first.get("lastSeenDeviceId").asString()).body();

		assertThat(first.get("deviceList").size()).isEqualTo(1000);
		assertThat(first.get("hasMoreData").asBoolean()).isTrue();
		assertThat(first.get("lastSeenDeviceId").asString()).isEqualTo(imei(999));
		assertThat(second.get("totalDevice").asInt()).isEqualTo(1001);
		assertThat(second.get("deviceList").size()).isEqualTo(1);
		assertThat(second.at("/deviceList/0/deviceId").asString()).isEqualTo(imei(1000));
		assertThat(second.get("hasMoreData").asBoolean()).isFalse();
	}

	@Test
	void devicesOfACancelledCampaignReportTheCancellation() {
		String id = this.client.schedule(campaign("c", NEXT_WEEK, NEXT_WEEK, imei(1))).body().get("id").asString();
		this.client.cancelCampaign(id);

		assertThat(this.client.devices(id, "0").body().at("/deviceList/0/status").asString()).isEqualTo("CampaignCancelled");
	}

	@Test
	void deviceReportRefusesAnUnknownLastSeenDevice() {
		String id = this.client.schedule(campaign("c", TODAY, NEXT_WEEK, imei(1))).body().get("id").asString();

		Reply reply = this.client.devices(id, imei(5));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorMessage()).isEqualTo("LastSeenDeviceId Not Valid");
	}

	@Test
	void deviceReportOfAnUnknownCampaignIsNotFound() {
		assertThat(this.client.devices(UUID.randomUUID().toString(), "0").status()).isEqualTo(404);
	}

	@Test
	void availableFilesListsTheSeededHttpFiles() {
		Reply reply = this.client.files("?distributionType=HTTP");

		assertThat(reply.status()).isEqualTo(200);
		JsonNode files = reply.body().get("AvailableFilesResponse");
		assertThat(StreamSupport.stream(files.spliterator(), false).map(file -> file.get("fileName").asString()))
				.containsExactly("tracker-fw-2.4.1.bin", "gateway-cfg-7.json", "sensor-fw-1.9.0.bin");
		JsonNode tracker = files.get(0);
		assertThat(tracker.get("fileVersion").asString()).isEqualTo("2.4.1");
		assertThat(tracker.get("make").asString()).isEqualTo("Acme");
		assertThat(tracker.get("model").asString()).isEqualTo("T100");
		assertThat(tracker.get("distributionType").asString()).isEqualTo("HTTP");
		assertThat(tracker.has("releaseNote")).isTrue();
		assertThat(tracker.has("localTargetPath")).isTrue();
		assertThat(tracker.has("devicePlatformId")).isTrue();
	}

	@Test
	void availableFilesForOmaListsOnlyTheSensorFirmwareTheSamplesSendOverOma() {
		JsonNode files = this.client.files("?distributionType=OMA").body().get("AvailableFilesResponse");
		assertThat(StreamSupport.stream(files.spliterator(), false).map(file -> file.get("fileName").asString()))
			.containsExactly("sensor-fw-1.9.0.bin");
		assertThat(files.get(0).get("distributionType").asString()).isEqualTo("OMA");
	}

	private List<String> scheduleCampaigns(int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(this.client.schedule(campaign("campaign-" + i, TODAY, NEXT_WEEK, imei(i))).body().get("id").asString());
		}
		return ids;
	}

	private static List<String> ids(JsonNode page) {
		return StreamSupport.stream(page.get("campaignList").spliterator(), false)
				.map(campaign -> campaign.get("id").asString())
				.toList();
	}
}
