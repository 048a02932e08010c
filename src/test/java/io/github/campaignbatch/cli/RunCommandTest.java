package io.github.campaignbatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run} end to end against a server that implements the documented endpoints (WireMock on loopback):
 * what goes over the wire, what the report says, and that a completed input is never sent again.
 */
@Tag("database")
@ExtendWith(OutputCaptureExtension.class)
class RunCommandTest {

	private static final String CLIENT_SECRET = "client-secret-Zq8uXr41";

	private static final String PASSWORD = "password-Hb7wPq02";

	private static final String ACCESS_TOKEN = "access-token-Ym3vLs95";

	private static final String SESSION_TOKEN = "session-token-Kd6tNe38";

	private static final String SCHEDULE = "/api/fota/v2/campaigns/files/demo-account";

	private static final Path SAMPLE = Path.of("input-samples/clean-campaigns.csv");

	@TempDir
	Path work;

	private WireMockServer server;

	@BeforeEach
	void startServer() {
		this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		this.server.start();
		this.server.stubFor(post(urlPathEqualTo("/api/ts/v1/oauth2/token"))
			.willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		this.server.stubFor(post(urlPathEqualTo("/api/m2m/v1/session/login"))
			.willReturn(okJson("{\"sessionToken\":\"" + SESSION_TOKEN + "\"}")));
		this.server.stubFor(get(urlPathMatching("/api/fota/v2/reports/.*"))
			.willReturn(okJson("{\"hasMoreData\":false,\"lastSeenCampaignId\":\"0\",\"campaignList\":[]}")));
		stubCreated("Tracker fleet wave 1", "11111111-1111-1111-1111-111111111111");
		stubCreated("Tracker fleet wave 2", "22222222-2222-2222-2222-222222222222");
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).atPriority(10)
			.willReturn(okJson(created("33333333-3333-3333-3333-333333333333"))));
	}

	@AfterEach
	void stopServer() {
		this.server.stop();
	}

	@Test
	void submitsOnePostPerCampaignMatchingTheVendorPageAndReportsTheIds() throws IOException {
		Path report = this.work.resolve("report.csv");

		Result result = runner().run("run", "--input", SAMPLE.toString(), "--account", "demo-account", "--today",
				"2026-01-01", "--report", report.toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		this.server.verify(exactly(3), postRequestedFor(urlPathEqualTo(SCHEDULE)));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE))
			.withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
			.withHeader("VZ-M2M-Token", equalTo(SESSION_TOKEN))
			.withRequestBody(equalToJson("""
					{"campaignName":"Tracker fleet wave 1","fileName":"tracker-fw-2.4.1.bin","fileVersion":"2.4.1",
					 "distributionType":"HTTP","startDate":"2030-01-15","endDate":"2030-02-15",
					 "downloadAfterDate":"2030-01-15","downloadTimeWindowList":[{"startTime":1,"endTime":5}],
					 "installAfterDate":"2030-01-16",
					 "installTimeWindowList":[{"startTime":2,"endTime":4},{"startTime":22,"endTime":24}],
					 "deviceList":["352099000000014","352099000000022","352099000000030","352099000000048",
					               "352099000000055","352099000000063"]}""")));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)).withRequestBody(equalToJson("""
				{"campaignName":"Tracker fleet wave 2","fileName":"tracker-fw-2.4.1.bin","fileVersion":"2.4.1",
				 "distributionType":"HTTP","startDate":"2030-03-01","endDate":"2030-03-31",
				 "deviceList":["352099000000071","352099000000089","352099000000097","352099000000105","352099000000113"]}""")));
		List<String> lines = Files.readAllLines(report);
		assertThat(lines).hasSize(14);
		assertThat(lines.subList(1, 7)).allMatch(line -> line.contains(",SCHEDULED,11111111-1111-1111-1111-111111111111,"));
		assertThat(lines.subList(7, 12)).allMatch(line -> line.contains(",SCHEDULED,22222222-2222-2222-2222-222222222222,"));
		assertThat(lines.subList(12, 14)).allMatch(line -> line.contains(",SCHEDULED,33333333-3333-3333-3333-333333333333,"));
	}

	@Test
	void theSameInputAgainSendsNothingAndSaysWhenItWasProcessed() {
		CommandRunner runner = runner();
		String[] args = { "run", "--input", SAMPLE.toString(), "--account", "demo-account", "--today", "2026-01-01",
				"--report", this.work.resolve("r.csv").toString() };
		assertThat(runner.run(args).exitCode()).isZero();

		Path copy = this.work.resolve("renamed-copy.csv");
		copyOf(SAMPLE, copy);
		Result again = runner.run("run", "--input", copy.toString(), "--account", "demo-account", "--today", "2026-01-01");

		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).contains("Already processed").contains("r.csv");
		this.server.verify(exactly(3), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void theSummaryNamesTheVendorsRejectionsApartFromInvalidInput() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).atPriority(1)
			.withRequestBody(matchingJsonPath("$.campaignName", equalTo("Tracker fleet wave 2")))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorCode\":\"UnifiedWebService.INPUT_INVALID\",\"errorMessage\":\"Invalid device\"}")));

		Result result = runner().run("run", "--input", SAMPLE.toString(), "--account", "demo-account", "--today",
				"2026-01-01", "--report", this.work.resolve("r.csv").toString());

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REJECTED);
		assertThat(result.out()).contains("  invalid input      0")
			.contains("REJECTED by ThingSpace 5")
			.doesNotContain("rejected ");
	}

	@Test
	void missingCredentialsAreAUsageErrorNamingTheVariables() {
		Result result = new CommandRunner(this.work).with("thingspace.base-url", this.server.baseUrl())
			.run("run", "--input", SAMPLE.toString(), "--account", "demo-account", "--today", "2026-01-01");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.errLines()).singleElement()
			.asString()
			.contains("THINGSPACE_CLIENT_ID")
			.contains("THINGSPACE_CLIENT_SECRET")
			.contains("THINGSPACE_USERNAME")
			.contains("THINGSPACE_PASSWORD");
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void secretsNeverReachLogsJobParametersTablesOrReports(CapturedOutput output) throws Exception {
		Path report = this.work.resolve("report.csv");
		CommandRunner runner = runner();

		Result result = runner.run("run", "--verbose", "--input", SAMPLE.toString(), "--account", "demo-account",
				"--today", "2026-01-01", "--report", report.toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		List<String> secrets = List.of(CLIENT_SECRET, PASSWORD, ACCESS_TOKEN, SESSION_TOKEN);
		String everything = output.getAll() + result.out() + result.err() + Files.readString(report)
				+ String.join("\n", allTableText(runner.databaseUrl()));
		assertThat(output.getAll()).as("verbose logging ran").contains("campaign");
		for (String secret : secrets) {
			assertThat(everything).doesNotContain(secret);
		}
	}

	private CommandRunner runner() {
		return new CommandRunner(this.work).with("thingspace.base-url", this.server.baseUrl())
			.with("thingspace.client-id", "client-id-1")
			.with("thingspace.client-secret", CLIENT_SECRET)
			.with("thingspace.username", "batch-user")
			.with("thingspace.password", PASSWORD)
			.with("thingspace.max-requests-per-second", "100")
			.with("campaign.submission.reconcile-delay", "0s")
			.with("campaign.submission.visibility-horizon", "3s");
	}

	private void stubCreated(String campaignName, String id) {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE))
			.withRequestBody(matchingJsonPath("$.campaignName", equalTo(campaignName)))
			.willReturn(okJson(created(id))));
	}

	private static String created(String id) {
		return "{\"id\":\"" + id + "\",\"status\":\"CampaignRequestPending\"}";
	}

	private static void copyOf(Path from, Path to) {
		try {
			Files.copy(from, to);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Every value of every table of the job database, as text: what an attacker with the database would see. */
	private static List<String> allTableText(String url) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url, TestDatabases.user(), "")) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] { "TABLE" })) {
				while (rs.next()) {
					String schema = rs.getString("TABLE_SCHEM");
					if (schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA") || schema.equalsIgnoreCase("pg_catalog"))) {
						continue;
					}
					tables.add((schema == null ? "" : "\"" + schema + "\".") + "\"" + rs.getString("TABLE_NAME") + "\"");
				}
			}
			assertThat(tables).anyMatch(name -> name.toLowerCase().endsWith("batch_job_execution_params\""));
			for (String table : tables) {
				try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
					int columns = rs.getMetaData().getColumnCount();
					while (rs.next()) {
						for (int i = 1; i <= columns; i++) {
							values.add(String.valueOf(rs.getObject(i)));
						}
					}
				}
			}
		}
		return values;
	}
}
