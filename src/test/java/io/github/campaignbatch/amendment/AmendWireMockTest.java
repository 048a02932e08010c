package io.github.campaignbatch.amendment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.CommandRunner.Result;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import io.github.campaignbatch.support.WireMockVendor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amend} against a server that answers as the vendor documents (WireMock on loopback), so that what goes over
 * the wire is asserted: the whole schedule in the dates PUT, built from the campaign as read; the device PUT as the
 * vendor page's example; and a PUT whose answer was lost settled by reading the campaign before anything is sent again.
 */
class AmendWireMockTest {

	private static final String ACCOUNT = "ACC";

	private static final String CAMPAIGN_ID = "3f6c1b0e-52a7-4c1d-9e8b-7a0d2c4e6f81";

	private static final String CAMPAIGN = "/api/fota/v2/campaigns/" + ACCOUNT + "/" + CAMPAIGN_ID;

	/** The schedule the vendor holds: not what the run sent, which the PUT must not go back to. */
	private static final String HELD = """
			"startDate":"2030-01-15","endDate":"2030-02-15","downloadAfterDate":"2030-01-16",
			"downloadTimeWindowList":[{"startTime":1,"endTime":5}],"installAfterDate":null,
			"installTimeWindowList":[{"startTime":2,"endTime":6}]""";

	@TempDir
	Path work;

	private WireMockVendor vendor;

	private WireMockServer server;

	private CommandRunner runner;

	@BeforeEach
	void scheduleOne() {
		this.vendor = WireMockVendor.start(ACCOUNT, CAMPAIGN_ID).offeringTheSampleFirmware(ACCOUNT);
		this.server = this.vendor.server();
		this.runner = this.vendor.runner(this.work);
		Path input = SampleInputs.campaigns(this.work.resolve("fleet.csv"), ACCOUNT, 1, 3);
		Result run = this.runner.run("run", "--input", input.toString(), "--account", ACCOUNT, "--today", "2030-01-10",
				"--report", this.work.resolve("fleet.results.csv").toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
	}

	@AfterEach
	void stopServer() {
		this.vendor.close();
	}

	@Test
	void theDatesPutCarriesTheWholeScheduleAsReadWithOnlyTheAskedFieldChanged() {
		stubCampaign(HELD);
		this.server.stubFor(put(urlPathEqualTo(CAMPAIGN + "/dates")).willReturn(okJson("{}")));

		Result amend = amend("--end-date", "2030-03-01");

		assertThat(amend.exitCode()).as(amend.toString()).isZero();
		this.server.verify(exactly(1), putRequestedFor(urlPathEqualTo(CAMPAIGN + "/dates")).withRequestBody(equalToJson("""
				{"startDate":"2030-01-15","endDate":"2030-03-01","downloadAfterDate":"2030-01-16",
				 "downloadTimeWindowList":[{"startTime":1,"endTime":5}],
				 "installTimeWindowList":[{"startTime":2,"endTime":6}]}""")));
	}

	@Test
	void theDevicePutIsThePagesExampleWithOnlyWhatTheCampaignLacksOrHolds() throws IOException {
		stubCampaign(HELD);
		this.server.stubFor(get(urlPathEqualTo("/api/fota/v2/reports/" + ACCOUNT + "/campaigns/" + CAMPAIGN_ID + "/devices"))
			.willReturn(okJson("{\"totalDevice\":3,\"hasMoreData\":false,\"lastSeenDeviceId\":\"" + SampleInputs.imei(3)
					+ "\",\"maxPageSize\":1000,\"deviceList\":[" + device(1) + "," + device(2) + "," + device(3) + "]}")));
		this.server.stubFor(put(urlPathEqualTo(CAMPAIGN)).willReturn(okJson("{\"accountName\":\"" + ACCOUNT
				+ "\",\"campaignId\":\"" + CAMPAIGN_ID + "\",\"requestId\":\"req-42\"}")));
		Path add = Files.write(this.work.resolve("add.txt"), List.of(SampleInputs.imei(1), SampleInputs.imei(21)));
		Path remove = Files.write(this.work.resolve("remove.txt"), List.of(SampleInputs.imei(2), SampleInputs.imei(22)));

		Result amend = amend("--add", add.toString(), "--remove", remove.toString());

		assertThat(amend.exitCode()).as(amend.toString()).isZero();
		assertThat(amend.out()).contains("devices changed: 'wave-1' (" + CAMPAIGN_ID + "): 1 added, 1 removed (request req-42)");
		this.server.verify(exactly(1), putRequestedFor(urlPathEqualTo(CAMPAIGN)).withRequestBody(equalToJson(
				"{\"addOrRemoveDevice\":[{\"type\":\"append\",\"deviceList\":[\"" + SampleInputs.imei(21) + "\"]},"
						+ "{\"type\":\"remove\",\"deviceList\":[\"" + SampleInputs.imei(2) + "\"]}]}")));
		assertThat(text("SELECT request_id FROM campaign_amendment")).isEqualTo("req-42");
	}

	@Test
	void aPutWhoseAnswerWasLostIsSettledByReadingTheCampaignBeforeAnythingIsSentAgain() {
		stubCampaign(HELD);
		this.server.stubFor(put(urlPathEqualTo(CAMPAIGN + "/dates"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		Result lost = amend("--end-date", "2030-03-01");

		assertThat(lost.exitCode()).isEqualTo(1);
		assertThat(lost.errLines()).containsExactly("error: the answer to the dates change of 'wave-1' (" + CAMPAIGN_ID
				+ ") was lost and ThingSpace does not show the change yet: run the same command again later (it reads"
				+ " the campaign before sending anything again)");
		assertThat(text("SELECT state FROM campaign_amendment")).isEqualTo("UNKNOWN");

		// the vendor applied it after all, and shows it now
		stubCampaign(HELD.replace("2030-02-15", "2030-03-01"));

		Result repeated = amend("--end-date", "2030-03-01");

		assertThat(repeated.exitCode()).as(repeated.toString()).isZero();
		assertThat(repeated.out()).contains("settled: the dates change of 'wave-1' (" + CAMPAIGN_ID + ") sent by an earlier"
				+ " amend", "is applied at ThingSpace", "dates already as asked: 'wave-1'");
		this.server.verify(exactly(1), putRequestedFor(urlPathEqualTo(CAMPAIGN + "/dates")));
		assertThat(text("SELECT state FROM campaign_amendment")).isEqualTo("APPLIED");
		assertThat(text("SELECT CAST(end_date AS VARCHAR(10)) FROM campaign")).isEqualTo("2030-03-01");
	}

	@Test
	void aLostChangeTheCampaignStillDoesNotShowIsSettledNotAppliedAndSentAgain() {
		stubCampaign(HELD);
		this.server.stubFor(put(urlPathEqualTo(CAMPAIGN + "/dates"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThat(amend("--end-date", "2030-03-01").exitCode()).isEqualTo(1);
		this.server.stubFor(put(urlPathEqualTo(CAMPAIGN + "/dates")).willReturn(okJson("{}")));

		Result repeated = amend("--end-date", "2030-03-01");

		assertThat(repeated.exitCode()).as(repeated.toString()).isZero();
		assertThat(repeated.out()).contains("is not applied at ThingSpace", "dates changed: 'wave-1'");
		this.server.verify(exactly(2), putRequestedFor(urlPathEqualTo(CAMPAIGN + "/dates")));
		assertThat(text("SELECT LISTAGG(state, ',') WITHIN GROUP (ORDER BY id) FROM campaign_amendment"))
			.isEqualTo("NOT_APPLIED,APPLIED");
	}

	private void stubCampaign(String schedule) {
		this.server.stubFor(get(urlPathEqualTo(CAMPAIGN)).willReturn(okJson("{\"id\":\"" + CAMPAIGN_ID
				+ "\",\"accountName\":\"" + ACCOUNT + "\",\"campaignName\":\"wave-1\",\"distributionType\":\"HTTP\","
				+ schedule + ",\"status\":\"CampaignRequestPending\"}")));
	}

	private static String device(int serial) {
		return "{\"deviceId\":\"" + SampleInputs.imei(serial) + "\",\"status\":\"Accepted\"}";
	}

	private Result amend(String... options) {
		List<String> args = new java.util.ArrayList<>(List.of("amend", "--execution", "1", "--today", "2030-01-10",
				"--yes"));
		args.addAll(List.of(options));
		return this.runner.run(args.toArray(String[]::new));
	}

	private String text(String sql) {
		return TestDatabases.withJdbc(this.runner.databaseUrl(), jdbc -> jdbc.queryForObject(sql, String.class));
	}
}
