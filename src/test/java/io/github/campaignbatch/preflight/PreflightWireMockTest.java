package io.github.campaignbatch.preflight;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.WireMockVendor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The available-files check before the first POST, against a server that answers as the vendor documents
 * (WireMock on loopback): a file missing from the list stops its campaign before anything is sent; a list that
 * cannot be read proves nothing, so the run warns and sends.
 */
@Tag("database")
@ExtendWith(OutputCaptureExtension.class)
class PreflightWireMockTest {

	private static final String FILES = "/api/fota/v2/files/ACC";

	private static final String SCHEDULE = "/api/fota/v2/campaigns/files/ACC";

	@TempDir
	Path work;

	private WireMockVendor vendor;

	private WireMockServer server;

	private CommandRunner runner;

	@BeforeEach
	void startServer() {
		this.vendor = WireMockVendor.start("ACC", "0b7e3f2a-5c1d-4e8f-9a6b-3d2c1e0f9a8b");
		this.server = this.vendor.server();
		this.runner = this.vendor.runner(this.work);
	}

	@AfterEach
	void stopServer() {
		this.vendor.close();
	}

	/**
	 * The one test of an unavailable file in a run: the list asked as the vendor documents it, the campaign on a missing
	 * file never POSTed and its devices saying why, the campaign on a listed file sent (exit 3: some devices rejected).
	 */
	@Test
	void aFileMissingFromTheAvailableListIsNotSentAndItsDevicesSayWhyWhileTheOthersAreSent() throws Exception {
		this.server.stubFor(get(urlPathEqualTo(FILES)).willReturn(okJson("""
				{"AvailableFilesResponse":[
				 {"fileName":"tracker-fw-2.4.0.bin","fileVersion":"2.4.0","distributionType":"HTTP","make":"Acme","model":"T1"},
				 {"fileName":"sensor-fw-1.0.bin","fileVersion":"1.0","distributionType":"HTTP","make":"Acme","model":"S1"}]}""")));
		Path input = Files.write(this.work.resolve("fleet.csv"), List.of(SampleInputs.HEADER,
				"ACC,listed,sensor-fw-1.0.bin,1.0,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(1),
				"ACC,missing,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(2),
				"ACC,missing,tracker-fw-2.4.1.bin,2.4.1,HTTP,2030-01-15,2030-02-15," + SampleInputs.imei(3)));
		Path report = this.work.resolve("fleet.results.csv");

		Result run = run(input, report);

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
		this.server.verify(exactly(1), getRequestedFor(urlPathEqualTo(FILES))
			.withQueryParam("distributionType", equalTo("HTTP")));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE))
			.withRequestBody(matchingJsonPath("$.campaignName", equalTo("listed"))));
		List<String> lines = Files.readAllLines(report);
		assertThat(lines).hasSize(4);
		assertThat(lines.get(1)).contains(",SCHEDULED,");
		assertThat(lines.subList(2, 4)).allSatisfy(line -> assertThat(line)
			.contains(",REJECTED,", ",FILE_NOT_AVAILABLE,",
					"file tracker-fw-2.4.1.bin version 2.4.1 (HTTP) is not among the files available to account ACC"));
	}

	@Test
	void anUnreadableListIsAWarningAndTheCampaignIsSent(CapturedOutput output) throws Exception {
		this.server.stubFor(get(urlPathEqualTo(FILES)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errorCode\":\"UnifiedWebService.SERVER_ERROR\",\"errorMessage\":\"Internal error\"}")));
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), "ACC", 1, 3);
		Path report = this.work.resolve("fleet.results.csv");

		Result run = run(input, report);

		assertThat(run.exitCode()).as(run.toString()).isZero();
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
		assertThat(output.getAll()).containsOnlyOnce("cannot read the available HTTP files of account ACC")
			.contains("files are not checked before sending");
		List<String> lines = Files.readAllLines(report);
		assertThat(lines.subList(1, lines.size())).hasSize(3).allMatch(line -> line.contains(",SCHEDULED,"));
	}

	private Result run(Path input, Path report) {
		return this.runner.run("run", "--input", input.toString(), "--account", "ACC", "--today", "2030-01-15",
				"--report", report.toString());
	}
}
