package io.github.campaignbatch.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A plain JDK HTTP client for the simulator's API, as bare as the tests need: every call returns the status,
 * headers and parsed body, never throws on an error status.
 */
final class SimulatorClient {

	static final String ACCOUNT = "0000123456-00001";

	/** An answer: status, the raw response and its body as JSON. */
	record Reply(int status, HttpResponse<String> response, JsonNode body) {

		String errorCode() {
			return this.body.path("errorCode").asString();
		}

		String errorMessage() {
			return this.body.path("errorMessage").asString();
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final URI baseUrl;
	private String accessToken;
	private String sessionToken;

	SimulatorClient(URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** Gets a Bearer token and a session with the demo credentials. */
	SimulatorClient authenticated() {
		Reply token = token(SimulatorOptions.DEFAULT_CLIENT_ID, SimulatorOptions.DEFAULT_CLIENT_SECRET, "client_credentials");
		this.accessToken = token.body().get("access_token").asString();
		Reply login = login(SimulatorOptions.DEFAULT_USERNAME, SimulatorOptions.DEFAULT_PASSWORD);
		this.sessionToken = login.body().get("sessionToken").asString();
		return this;
	}

	String accessToken() {
		return this.accessToken;
	}

	String sessionToken() {
		return this.sessionToken;
	}

	Reply token(String clientId, String clientSecret, String grantType) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(this.baseUrl.resolve("/api/ts/v1/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=" + grantType)));
	}

	Reply login(String username, String password) {
		return send(withBearer(HttpRequest.newBuilder(this.baseUrl.resolve("/api/m2m/v1/session/login")))
				.header("Content-Type", "application/json")
				.POST(json(Map.of("username", username, "password", password))));
	}

	Reply logout() {
		return send(withAuth(HttpRequest.newBuilder(this.baseUrl.resolve("/api/m2m/v1/session/logout")))
				.POST(HttpRequest.BodyPublishers.noBody()));
	}

	Reply schedule(Map<String, Object> body) {
		return schedule(ACCOUNT, body);
	}

	Reply schedule(String account, Map<String, Object> body) {
		return send(scheduleRequest(account, json(body)));
	}

	Reply scheduleRaw(String body) {
		return send(scheduleRequest(ACCOUNT, HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Like {@link #schedule(Map)}, but lets a dropped connection surface as the IOException a client sees. */
	Reply scheduleOrThrow(Map<String, Object> body) throws IOException {
		return sendOrThrow(scheduleRequest(ACCOUNT, json(body)));
	}

	Reply getCampaign(String id) {
		return get("/api/fota/v2/campaigns/" + ACCOUNT + "/" + id);
	}

	Reply cancelCampaign(String id) {
		return send(withAuth(HttpRequest.newBuilder(this.baseUrl.resolve("/api/fota/v2/campaigns/" + ACCOUNT + "/" + id)))
				.DELETE());
	}

	/** {@code PUT .../{id}/dates} with the given schedule. */
	Reply changeDates(String id, Map<String, Object> body) {
		return send(withAuth(HttpRequest.newBuilder(this.baseUrl.resolve("/api/fota/v2/campaigns/" + ACCOUNT + "/" + id
				+ "/dates"))).header("Content-Type", "application/json").PUT(json(body)));
	}

	/** {@code PUT .../{id}} appending and removing devices, as the vendor page's example writes it. */
	Reply changeDevices(String id, List<String> append, List<String> remove) {
		List<Map<String, Object>> entries = new ArrayList<>();
		if (!append.isEmpty()) {
			entries.add(Map.of("type", "append", "deviceList", append));
		}
		if (!remove.isEmpty()) {
			entries.add(Map.of("Type", "remove", "deviceList", remove));
		}
		return send(withAuth(HttpRequest.newBuilder(this.baseUrl.resolve("/api/fota/v2/campaigns/" + ACCOUNT + "/" + id)))
				.header("Content-Type", "application/json").PUT(json(Map.of("addOrRemoveDevice", entries))));
	}

	Reply history(String status, String lastSeenCampaignId) {
		return get("/api/fota/v2/reports/" + ACCOUNT + "/campaigns?campaignStatus=" + status + "&lastSeenCampaignId="
				+ lastSeenCampaignId);
	}

	/** Every page of the history for one status, following hasMoreData. */
	List<JsonNode> historyPages(String status) {
		List<JsonNode> pages = new ArrayList<>();
		String lastSeen = "0";
		JsonNode page;
		do {
			page = history(status, lastSeen).body();
			pages.add(page);
			lastSeen = page.get("lastSeenCampaignId").asString();
		}
		while (page.get("hasMoreData").asBoolean());
		return pages;
	}

	Reply devices(String campaignId, String lastSeenDeviceId) {
		return get("/api/fota/v2/reports/" + ACCOUNT + "/campaigns/" + campaignId + "/devices?lastSeenDeviceId="
				+ lastSeenDeviceId);
	}

	Reply files(String query) {
		return get("/api/fota/v2/files/" + ACCOUNT + query);
	}

	Reply get(String pathAndQuery) {
		return send(withAuth(HttpRequest.newBuilder(this.baseUrl.resolve(pathAndQuery))).GET());
	}

	Reply send(HttpRequest.Builder request) {
		try {
			return sendOrThrow(request);
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	Reply sendOrThrow(HttpRequest.Builder request) throws IOException {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isEmpty() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(response.body());
			return new Reply(response.statusCode(), response, body);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IOException(interrupted);
		}
	}

	HttpRequest.Builder scheduleRequest(String account, HttpRequest.BodyPublisher body) {
		return withAuth(HttpRequest.newBuilder(this.baseUrl.resolve("/api/fota/v2/campaigns/files/" + account)))
				.header("Content-Type", "application/json")
				.POST(body);
	}

	HttpRequest.Builder withAuth(HttpRequest.Builder request) {
		withBearer(request);
		if (this.sessionToken != null) {
			request.header("VZ-M2M-Token", this.sessionToken);
		}
		return request;
	}

	private HttpRequest.Builder withBearer(HttpRequest.Builder request) {
		if (this.accessToken != null) {
			request.header("Authorization", "Bearer " + this.accessToken);
		}
		return request;
	}

	static HttpRequest.BodyPublisher json(Object body) {
		return HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
	}

	/** A valid schedule body for the tracker firmware, starting on {@code startDate}, for the given devices. */
	static Map<String, Object> campaign(String name, String startDate, String endDate, String... imeis) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("campaignName", name);
		body.put("fileName", "tracker-fw-2.4.1.bin");
		body.put("fileVersion", "2.4.1");
		body.put("distributionType", "HTTP");
		body.put("startDate", startDate);
		body.put("endDate", endDate);
		body.put("downloadAfterDate", startDate);
		body.put("downloadTimeWindowList", List.of(Map.of("startTime", 1, "endTime", 5)));
		body.put("installAfterDate", startDate);
		body.put("installTimeWindowList", List.of(Map.of("startTime", 2, "endTime", 6)));
		body.put("deviceList", List.of(imeis));
		return body;
	}

	/** A distinct valid IMEI per number. */
	static String imei(long n) {
		return String.format("35%013d", n);
	}
}
