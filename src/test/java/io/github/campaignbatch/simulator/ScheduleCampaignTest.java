package io.github.campaignbatch.simulator;

import io.github.campaignbatch.support.MutableClock;

import static io.github.campaignbatch.simulator.SimulatorClient.campaign;
import static io.github.campaignbatch.simulator.SimulatorClient.imei;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.campaignbatch.simulator.SimulatorClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ScheduleCampaignTest {

	private static final String TODAY = "2030-06-15";
	private static final String NEXT_WEEK = "2030-06-22";

	private final MutableClock clock = new MutableClock(Instant.parse(TODAY + "T10:00:00Z"));
	private SimulatorServer simulator;
	private SimulatorClient client;

	@BeforeEach
	void start() {
		this.simulator = SimulatorServer.start(SimulatorOptions.defaults()
				.withClock(this.clock)
				.withStatusAdvanceAfter(Duration.ofSeconds(30)));
		this.client = new SimulatorClient(this.simulator.baseUrl()).authenticated();
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void schedulesACampaignAndAnswersTheVendorsFields() {
		Reply reply = this.client.schedule(campaign("spring-rollout", TODAY, NEXT_WEEK, imei(1), imei(2)));

		assertThat(reply.status()).isEqualTo(200);
		JsonNode body = reply.body();
		assertThat(UUID.fromString(body.get("id").asString())).isNotNull();
		assertThat(body.get("accountName").asString()).isEqualTo(SimulatorClient.ACCOUNT);
		assertThat(body.get("campaignName").asString()).isEqualTo("spring-rollout");
		assertThat(body.get("fileName").asString()).isEqualTo("tracker-fw-2.4.1.bin");
		assertThat(body.get("fileVersion").asString()).isEqualTo("2.4.1");
		assertThat(body.get("softwareName").asString()).isEqualTo("tracker-fw-2.4.1.bin");
		assertThat(body.get("softwareTo").asString()).isEqualTo("2.4.1");
		assertThat(body.has("softwareFrom")).isTrue();
		assertThat(body.get("make").asString()).isEqualTo("Acme");
		assertThat(body.get("model").asString()).isEqualTo("T100");
		assertThat(body.get("distributionType").asString()).isEqualTo("HTTP");
		assertThat(body.get("startDate").asString()).isEqualTo(TODAY);
		assertThat(body.get("endDate").asString()).isEqualTo(NEXT_WEEK);
		assertThat(body.get("downloadAfterDate").asString()).isEqualTo(TODAY);
		assertThat(body.at("/downloadTimeWindowList/0/startTime").asInt()).isEqualTo(1);
		assertThat(body.at("/downloadTimeWindowList/0/endTime").asInt()).isEqualTo(5);
		assertThat(body.get("installAfterDate").asString()).isEqualTo(TODAY);
		assertThat(body.at("/installTimeWindowList/0/startTime").asInt()).isEqualTo(2);
		assertThat(body.get("status").asString()).isEqualTo("CampaignRequestPending");
	}

	@Test
	void recordsTheCreatedCampaignForInspection() {
		String id = this.client.schedule(campaign("spring-rollout", TODAY, NEXT_WEEK, imei(1))).body().get("id").asString();

		assertThat(this.simulator.campaigns()).singleElement().satisfies(created -> {
			assertThat(created.id()).isEqualTo(id);
			assertThat(created.accountName()).isEqualTo(SimulatorClient.ACCOUNT);
			assertThat(created.deviceList()).containsExactly(imei(1));
			assertThat(created.createdAt()).isEqualTo(this.clock.instant());
			assertThat(created.status()).isEqualTo("CampaignRequestPending");
			assertThat(created.downloadTimeWindowList()).containsExactly(new HourWindow(1, 5));
		});
		assertThat(this.simulator.scheduleRequestCount()).isEqualTo(1);
		assertThat(this.simulator.createdCountByCampaignName()).containsExactly(Map.entry("spring-rollout", 1L));
	}

	@Test
	void optionalFieldsMayBeLeftOutAndComeBackNull() {
		Map<String, Object> body = campaign(null, TODAY, NEXT_WEEK, imei(1));
		body.remove("campaignName");
		body.remove("downloadAfterDate");
		body.remove("downloadTimeWindowList");
		body.remove("installAfterDate");
		body.remove("installTimeWindowList");

		Reply reply = this.client.schedule(body);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body().get("campaignName").isNull()).isTrue();
		assertThat(reply.body().get("downloadTimeWindowList").isNull()).isTrue();
		assertThat(this.simulator.createdCountByCampaignName()).containsEntry("", 1L);
	}

	static Stream<Arguments> invalidRequests() {
		return Stream.of(
				invalid("missing fileName", body -> body.remove("fileName"), "fileName is required"),
				invalid("missing fileVersion", body -> body.remove("fileVersion"), "fileVersion is required"),
				invalid("missing distributionType", body -> body.remove("distributionType"), "distributionType is required"),
				invalid("unknown distributionType", body -> body.put("distributionType", "LWM2M"),
						"Invalid distributionType LWM2M: use OMA or HTTP"),
				invalid("missing startDate", body -> body.remove("startDate"), "invalid start date"),
				invalid("startDate yesterday", body -> body.put("startDate", "2030-06-14"), "invalid start date"),
				invalid("startDate not YYYY-MM-DD", body -> body.put("startDate", "15/06/2030"), "invalid start date"),
				invalid("startDate with a time", body -> body.put("startDate", "2030-06-15T00:00:00Z"), "invalid start date"),
				invalid("startDate on no such day", body -> body.put("startDate", "2030-02-30"), "invalid start date"),
				invalid("missing endDate", body -> body.remove("endDate"), "invalid end date"),
				invalid("endDate before startDate", body -> body.put("endDate", "2030-06-14"), "end date is before start date"),
				invalid("malformed downloadAfterDate", body -> body.put("downloadAfterDate", "soon"), "invalid download after date"),
				invalid("startTime 24", body -> body.put("downloadTimeWindowList", List.of(Map.of("startTime", 24, "endTime", 24))),
						ScheduleRequestParser.INVALID_TIME_WINDOW),
				invalid("endTime 0", body -> body.put("installTimeWindowList", List.of(Map.of("startTime", 0, "endTime", 0))),
						ScheduleRequestParser.INVALID_TIME_WINDOW),
				invalid("window without endTime", body -> body.put("installTimeWindowList", List.of(Map.of("startTime", 3))),
						ScheduleRequestParser.INVALID_TIME_WINDOW),
				invalid("missing deviceList", body -> body.remove("deviceList"), "Device list is empty"),
				invalid("empty deviceList", body -> body.put("deviceList", List.of()), "Device list is empty"),
				invalid("14-digit IMEI", body -> body.put("deviceList", List.of("35000000000001")), "Invalid device id format"),
				invalid("IMEI with letters", body -> body.put("deviceList", List.of("35000000000000A")), "Invalid device id format"),
				invalid("unknown file", body -> body.put("fileName", "nope.bin"),
						"File nope.bin version 2.4.1 is not available for this account"),
				invalid("unknown version", body -> body.put("fileVersion", "9.9"),
						"File tracker-fw-2.4.1.bin version 9.9 is not available for this account"),
				invalid("deviceList not a list", body -> body.put("deviceList", Map.of("imei", "x")), "Input binding error"));
	}

	private static Arguments invalid(String name, Consumer<Map<String, Object>> change, String message) {
		return Arguments.of(name, change, message);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidRequests")
	void refusesInvalidRequestsLikeTheVendor(String name, Consumer<Map<String, Object>> change, String message) {
		Map<String, Object> body = new LinkedHashMap<>(campaign("c", TODAY, NEXT_WEEK, imei(1)));
		change.accept(body);

		Reply reply = this.client.schedule(body);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorCode()).isEqualTo("INVALID_PARAMETER");
		assertThat(reply.errorMessage()).isEqualTo(message);
		assertThat(this.simulator.campaigns()).isEmpty();
		assertThat(this.simulator.scheduleRequestCount()).isEqualTo(1);
	}

	@Test
	void refusesABodyThatIsNotJson() {
		Reply reply = this.client.scheduleRaw("fileName=x");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorMessage()).isEqualTo("Input binding error");
	}

	@Test
	void refusesAnInvalidAccountName() {
		Reply reply = this.client.schedule("bad%20account!", campaign("c", TODAY, NEXT_WEEK, imei(1)));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorMessage()).isEqualTo("Invalid account name format");
	}

	@Test
	void refusesADeviceThatAnotherActiveCampaignOfTheAccountHolds() {
		String first = this.client.schedule(campaign("first", TODAY, NEXT_WEEK, imei(1), imei(2))).body().get("id").asString();

		Reply reply = this.client.schedule(campaign("second", TODAY, NEXT_WEEK, imei(3), imei(2)));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorCode()).isEqualTo("INVALID_PARAMETER");
		assertThat(reply.errorMessage()).startsWith("Device " + imei(2) + " is already in active campaign " + first);
		assertThat(this.simulator.createdCountByCampaignName()).containsOnlyKeys("first");
	}

	@Test
	void concurrentRequestsForTheSameDeviceCreateExactlyOneCampaign() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				String name = "race-" + i;
				statuses.add(pool.submit(() -> this.client.schedule(campaign(name, TODAY, NEXT_WEEK, imei(42))).status()));
			}
			List<Integer> seen = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				seen.add(status.get(30, TimeUnit.SECONDS));
			}

			assertThat(seen).containsOnly(200, 400).containsOnlyOnce(200);
			assertThat(this.simulator.campaigns()).hasSize(1);
			assertThat(this.simulator.scheduleRequestCount()).isEqualTo(24);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aDeviceHeldInAnotherAccountIsNoConflict() {
		this.client.schedule("other-account", campaign("theirs", TODAY, NEXT_WEEK, imei(1)));

		assertThat(this.client.schedule(campaign("ours", TODAY, NEXT_WEEK, imei(1))).status()).isEqualTo(200);
	}

	@Test
	void aCancelledCampaignReleasesItsDevices() {
		String first = this.client.schedule(campaign("first", TODAY, NEXT_WEEK, imei(1))).body().get("id").asString();
		this.client.cancelCampaign(first);

		assertThat(this.client.schedule(campaign("second", TODAY, NEXT_WEEK, imei(1))).status()).isEqualTo(200);
	}

	@Test
	void anEndedCampaignReleasesItsDevices() {
		this.client.schedule(campaign("first", TODAY, TODAY, imei(1)));
		this.clock.advance(Duration.ofDays(1));
		this.client.authenticated();

		assertThat(this.client.schedule(campaign("second", "2030-06-16", NEXT_WEEK, imei(1))).status()).isEqualTo(200);
		assertThat(this.simulator.campaigns().get(0).status()).isEqualTo("CampaignEnded");
	}

	@Test
	void statusMovesFromPendingToScheduledAfterTheConfiguredDelay() {
		String id = this.client.schedule(campaign("c", TODAY, NEXT_WEEK, imei(1))).body().get("id").asString();
		assertThat(this.client.getCampaign(id).body().get("status").asString()).isEqualTo("CampaignRequestPending");

		this.clock.advance(Duration.ofSeconds(30));

		assertThat(this.client.getCampaign(id).body().get("status").asString()).isEqualTo("CampaignScheduled");
		assertThat(this.simulator.campaigns().get(0).status()).isEqualTo("CampaignScheduled");
	}

	@Test
	void getAnswersTheCampaignModelWithoutFileFields() {
		String id = this.client.schedule(campaign("c", TODAY, NEXT_WEEK, imei(1))).body().get("id").asString();

		Reply reply = this.client.getCampaign(id);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body().get("id").asString()).isEqualTo(id);
		assertThat(reply.body().get("campaignName").asString()).isEqualTo("c");
		assertThat(reply.body().get("softwareName").asString()).isEqualTo("tracker-fw-2.4.1.bin");
		assertThat(reply.body().has("fileName")).isFalse();
		assertThat(reply.body().has("fileVersion")).isFalse();
	}

	@Test
	void getOfAnUnknownCampaignIsNotFound() {
		Reply reply = this.client.getCampaign(UUID.randomUUID().toString());

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.errorCode()).isEqualTo("NOT_FOUND");
		assertThat(reply.errorMessage()).contains("not found");
	}

	@Test
	void getOfAnotherAccountsCampaignIsNotFound() {
		String theirs = this.client.schedule("other-account", campaign("theirs", TODAY, NEXT_WEEK, imei(1)))
				.body().get("id").asString();

		assertThat(this.client.getCampaign(theirs).status()).isEqualTo(404);
	}

	@Test
	void getWithAMalformedIdIsABadRequest() {
		Reply reply = this.client.getCampaign("not-a-uuid");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorMessage()).isEqualTo("Invalid uuid");
	}

	@Test
	void deleteCancelsACampaignBeforeItStarts() {
		String id = this.client.schedule(campaign("c", NEXT_WEEK, NEXT_WEEK, imei(1))).body().get("id").asString();
		this.clock.advance(Duration.ofSeconds(30));

		Reply reply = this.client.cancelCampaign(id);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body().get("success").asBoolean()).isTrue();
		assertThat(this.client.getCampaign(id).body().get("status").asString()).isEqualTo("CampaignCancelled");
	}

	@Test
	void deleteAbortsAScheduledCampaignWhoseStartDateHasCome() {
		String id = this.client.schedule(campaign("c", TODAY, NEXT_WEEK, imei(1))).body().get("id").asString();
		this.clock.advance(Duration.ofSeconds(30));

		assertThat(this.client.cancelCampaign(id).status()).isEqualTo(200);

		assertThat(this.client.getCampaign(id).body().get("status").asString()).isEqualTo("CampaignAborted");
	}

	@Test
	void deleteOfACancelledCampaignIsABadRequest() {
		String id = this.client.schedule(campaign("c", TODAY, NEXT_WEEK, imei(1))).body().get("id").asString();
		this.client.cancelCampaign(id);

		Reply reply = this.client.cancelCampaign(id);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorMessage()).contains("cannot be cancelled in status CampaignCancelled");
	}

	@Test
	void deleteOfAnUnknownCampaignIsNotFound() {
		assertThat(this.client.cancelCampaign(UUID.randomUUID().toString()).status()).isEqualTo(404);
	}
}
