package io.github.campaignbatch.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.file.Path;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A WireMock server on loopback answering as ThingSpace documents for one account: tokens, an empty campaign
 * history, and every schedule request created with one campaign id. Tests add the endpoints they are about.
 */
public final class WireMockVendor implements AutoCloseable {

	public static final String CLIENT_ID = "client-1";

	public static final String CLIENT_SECRET = "secret-1";

	public static final String USERNAME = "user-1";

	public static final String PASSWORD = "password-1";

	private final WireMockServer server;

	private WireMockVendor(WireMockServer server) {
		this.server = server;
	}

	/** Started; a schedule request for {@code account} is answered with campaign {@code createdId}. */
	public static WireMockVendor start(String account, String createdId) {
		WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		server.start();
		server.stubFor(post(urlPathEqualTo("/api/ts/v1/oauth2/token"))
			.willReturn(okJson("{\"access_token\":\"token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		server.stubFor(post(urlPathEqualTo("/api/m2m/v1/session/login"))
			.willReturn(okJson("{\"sessionToken\":\"session-1\"}")));
		server.stubFor(get(urlPathEqualTo("/api/fota/v2/reports/" + account + "/campaigns"))
			.willReturn(okJson("{\"hasMoreData\":false,\"lastSeenCampaignId\":\"0\",\"campaignList\":[]}")));
		server.stubFor(post(urlPathEqualTo("/api/fota/v2/campaigns/files/" + account))
			.willReturn(okJson("{\"id\":\"" + createdId + "\",\"status\":\"CampaignRequestPending\"}")));
		return new WireMockVendor(server);
	}

	/** The account's available files list the tracker firmware that {@link SampleInputs} inputs name. */
	public WireMockVendor offeringTheSampleFirmware(String account) {
		this.server.stubFor(get(urlPathEqualTo("/api/fota/v2/files/" + account)).willReturn(okJson("""
				{"AvailableFilesResponse":[{"fileName":"tracker-fw-2.4.1.bin","fileVersion":"2.4.1",
				 "distributionType":"HTTP","make":"Acme","model":"T1"}]}""")));
		return this;
	}

	public WireMockServer server() {
		return this.server;
	}

	/**
	 * A runner on a fresh database in {@code directory}, pointed at this server with its credentials; retries
	 * quick and the in-doubt horizon short, so that tests wait milliseconds, not production's seconds and minutes.
	 */
	public CommandRunner runner(Path directory) {
		return new CommandRunner(directory).with("thingspace.base-url", this.server.baseUrl())
			.with("thingspace.client-id", CLIENT_ID)
			.with("thingspace.client-secret", CLIENT_SECRET)
			.with("thingspace.username", USERNAME)
			.with("thingspace.password", PASSWORD)
			.with("thingspace.max-requests-per-second", "100")
			.with("thingspace.retry.initial-backoff", "10ms")
			.with("campaign.submission.reconcile-delay", "0s")
			.with("campaign.submission.visibility-horizon", "3s");
	}

	/** A child process on {@code runner}'s database and data directory, pointed at this server. */
	public ChildJvm child(Path directory, CommandRunner runner) {
		return ChildJvm.withDatabase(directory, runner.databaseUrl())
			.with("THINGSPACE_BASE_URL", this.server.baseUrl())
			.with("THINGSPACE_CLIENT_ID", CLIENT_ID)
			.with("THINGSPACE_CLIENT_SECRET", CLIENT_SECRET)
			.with("THINGSPACE_USERNAME", USERNAME)
			.with("THINGSPACE_PASSWORD", PASSWORD);
	}

	@Override
	public void close() {
		this.server.stop();
	}
}
