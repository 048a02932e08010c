package io.github.campaignbatch.job;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.campaignbatch.application.ExitCodes;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TcpProxy;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens when the world fails around the job: the database, the API, the disk, the operator's SIGTERM.
 * Each case fails clearly, loses nothing, and a later run completes without sending anything twice.
 */
@Tag("database")
class FailureModesTest {

	private static final Path SAMPLE = Path.of("input-samples/clean-campaigns.csv");

	private static final String SCHEDULE = "/api/fota/v2/campaigns/files/demo-account";

	@TempDir
	Path work;

	@Test
	void databaseUnavailableAtStartFailsOnOneLineAndSendsNothing() {
		WireMockServer api = fakeApi(0);
		try {
			Result result = withCredentials(new CommandRunner("jdbc:postgresql://127.0.0.1:1/test"), api.baseUrl())
				.with("spring.datasource.hikari.connection-timeout", "1000")
				.run("run", "--input", SAMPLE.toString(), "--account", "demo-account", "--today", "2026-01-01");

			assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.errLines()).singleElement().asString().startsWith("error: cannot start:");
			assertThat(result.err()).doesNotContain("\tat ");
			assertThat(api.getAllServeEvents()).isEmpty();
		}
		finally {
			api.stop();
		}
	}

	@Test
	void apiDownForTheWholeRunFailsRestartablyAndTheNextRunCompletes() throws IOException {
		int port = freePort();
		Path report = this.work.resolve("report.csv");
		CommandRunner runner = withCredentials(new CommandRunner(this.work), "http://127.0.0.1:" + port);
		String[] run = { "run", "--input", SAMPLE.toString(), "--account", "demo-account", "--today", "2026-01-01",
				"--report", report.toString() };

		Result down = runner.run(run);

		assertThat(down.exitCode()).as(down.toString()).isEqualTo(ExitCodes.FAILED);
		assertThat(down.err()).contains("ThingSpace is unreachable").contains("restart").doesNotContain("\tat ");
		// Nothing could be sent, not even the look-up of this new input in ThingSpace's history: still planned.
		assertThat(Files.readAllLines(report).subList(1, 14)).allMatch(line -> line.contains(",PLANNED,"));

		WireMockServer api = fakeApi(port);
		try {
			Result up = runner.run(run);

			assertThat(up.exitCode()).as(up.toString()).isZero();
			api.verify(exactly(3), postRequestedFor(urlPathEqualTo(SCHEDULE)));
			assertThat(Files.readAllLines(report).subList(1, 14)).allMatch(line -> line.contains(",SCHEDULED,"));
		}
		finally {
			api.stop();
		}
	}

	@Test
	void reportThatCannotBeWrittenFailsTheJobAndCanBeRegenerated() throws IOException {
		Path notADirectory = Files.writeString(this.work.resolve("occupied"), "a file where a folder should be");
		CommandRunner runner = new CommandRunner(this.work);

		Result failed = runner.run("validate", "--input", SAMPLE.toString(), "--account", "ACC", "--today", "2026-01-01",
				"--report", notADirectory.resolve("report.csv").toString());

		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.err()).contains("cannot write the report").doesNotContain("\tat ");

		Path regenerated = this.work.resolve("regenerated.csv");
		Result report = runner.run("report", "--execution", "1", "--output", regenerated.toString());

		assertThat(report.exitCode()).as(report.toString()).isZero();
		assertThat(Files.readAllLines(regenerated)).hasSize(14).allMatch(line -> !line.contains(",FAILED,"));
	}

	@Test
	void sigtermStopsGracefullyAndTheNextRunCompletesWithoutDuplicates() throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "stop-account", 24, 2);
		String databaseUrl = TestDatabases.freshUrl(this.work);
		try (SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0).withLatencyMs(250))) {
			List<String> command = List.of("run", "--input", input.toString(), "--account", "stop-account", "--today",
					"2026-01-01", "--report", this.work.resolve("fleet.results.csv").toString());
			Process child = ChildJvm.against(this.work, databaseUrl, simulator)
				.with("CAMPAIGN_SUBMISSION_CHUNK_SIZE", "2")
				.start("child", command);
			ChildJvm.awaitCampaigns(simulator, 4, child);
			assertThat(child.isAlive()).as("still submitting when stopped").isTrue();

			child.destroy();
			assertThat(child.waitFor()).isNotZero();
			assertThat(lastExecutionStatus(databaseUrl)).isEqualTo("STOPPED");

			Result again = withCredentials(new CommandRunner(databaseUrl, ChildJvm.dataDirectory(this.work)), simulator.baseUrl().toString())
				.run(command.toArray(String[]::new));

			assertThat(again.exitCode()).as(again.toString()).isZero();
			Map<String, Long> created = simulator.createdCountByCampaignName();
			assertThat(created).hasSize(24);
			assertThat(created.values()).containsOnly(1L);
		}
	}

	@Test
	void databaseLostMidRunFailsAndTheNextRunCompletesWithoutDuplicates() throws Exception {
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "lost-account", 24, 2);
		try (Database database = Database.start(this.work);
				TcpProxy link = TcpProxy.to(database.port());
				SimulatorServer simulator = SimulatorServer.start(SimulatorOptions.defaults().withPort(0).withLatencyMs(250))) {
			List<String> command = List.of("run", "--input", input.toString(), "--account", "lost-account", "--today",
					"2026-01-01", "--report", this.work.resolve("fleet.results.csv").toString());
			Process child = ChildJvm.against(this.work, database.urlThrough(link.port()), simulator)
				.with("CAMPAIGN_SUBMISSION_CHUNK_SIZE", "2")
				.with("SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT", "2000")
				.start("child", command);
			ChildJvm.awaitCampaigns(simulator, 4, child);
			assertThat(child.isAlive()).as("still submitting when the database went away").isTrue();

			link.cut();

			assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the run ends once its database is gone").isTrue();
			String childErr = Files.readString(this.work.resolve("child.err"));
			assertThat(child.exitValue()).as(childErr).isEqualTo(ExitCodes.FAILED);
			assertThat(childErr).contains("error:").doesNotContain("\tat ");
			assertThat(simulator.campaigns()).hasSizeLessThan(24);

			Result again = withCredentials(new CommandRunner(database.url(), ChildJvm.dataDirectory(this.work)), simulator.baseUrl().toString())
				.run(command.toArray(String[]::new));

			assertThat(again.exitCode()).as(again.toString()).isZero();
			Map<String, Long> created = simulator.createdCountByCampaignName();
			assertThat(created).hasSize(24);
			assertThat(created.values()).containsOnly(1L);
			assertThat(Files.readAllLines(this.work.resolve("fleet.results.csv")).subList(1, 49))
				.allMatch(line -> line.contains(",SCHEDULED,"));
		}
	}

	private static CommandRunner withCredentials(CommandRunner runner, String baseUrl) {
		return runner.onSimulatorAt(baseUrl)
			.with("thingspace.max-requests-per-second", "100")
			.with("thingspace.retry.max-attempts", "2")
			.with("thingspace.retry.initial-backoff", "10ms")
			.with("thingspace.retry.max-backoff", "20ms")
			.with("campaign.submission.reconcile-delay", "0s")
			.with("campaign.submission.visibility-horizon", "3s");
	}

	private static WireMockServer fakeApi(int port) {
		WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
		server.start();
		server.stubFor(post(urlPathEqualTo("/api/ts/v1/oauth2/token"))
			.willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		server.stubFor(post(urlPathEqualTo("/api/m2m/v1/session/login")).willReturn(okJson("{\"sessionToken\":\"s\"}")));
		server.stubFor(get(urlPathMatching("/api/fota/v2/reports/.*"))
			.willReturn(okJson("{\"hasMoreData\":false,\"lastSeenCampaignId\":\"0\",\"campaignList\":[]}")));
		server.stubFor(post(urlPathEqualTo(SCHEDULE))
			.willReturn(okJson("{\"id\":\"{{randomValue type='UUID'}}\",\"status\":\"CampaignRequestPending\"}")
				.withTransformers("response-template")));
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String lastExecutionStatus(String databaseUrl) throws Exception {
		try (Connection connection = DriverManager.getConnection(databaseUrl, TestDatabases.user(), "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT status FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC")) {
			assertThat(rs.next()).isTrue();
			return rs.getString(1);
		}
	}

	/** The job's database as a network server the test can put a {@link TcpProxy} in front of. */
	private record Database(String url, int port, AutoCloseable server) implements AutoCloseable {

		static Database start(Path directory) throws Exception {
			if (TestDatabases.isPostgres()) {
				return new Database(TestDatabases.freshUrl(directory), TestDatabases.POSTGRES_PORT, () -> {
				});
			}
			org.h2.tools.Server server = org.h2.tools.Server
				.createTcpServer("-tcpPort", String.valueOf(freePort()), "-baseDir", directory.toString(), "-ifNotExists")
				.start();
			return new Database("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/db", server.getPort(), server::stop);
		}

		String urlThrough(int proxyPort) {
			return this.url.replace("127.0.0.1:" + this.port + "/", "127.0.0.1:" + proxyPort + "/");
		}

		@Override
		public void close() throws Exception {
			this.server.close();
		}
	}
}
