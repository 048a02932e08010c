package io.github.campaignbatch.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.campaignbatch.campaign.CampaignGrouper;
import io.github.campaignbatch.staging.DeviceEntryStore;
import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.support.TestDatabase;
import io.github.campaignbatch.thingspace.AuthenticationFailedException;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceProperties;
import io.github.campaignbatch.validation.DateParser;
import io.github.campaignbatch.validation.RowValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exactly-once rules of the submission ledger, against a real HTTP server (WireMock on loopback) and a
 * real database.
 */
@Tag("database")
class CampaignSubmitterTest {

	private static final long JOB = 1;

	private static final String ACCOUNT = "0000123456-00001";

	private static final String SCHEDULE = "/api/fota/v2/campaigns/files/" + ACCOUNT;

	private static final String HISTORY = "/api/fota/v2/reports/" + ACCOUNT + "/campaigns";

	private static final String REMOTE_ID = "60b5d639-ccdc-4db8-8824-069bd94c95bf";

	private static final String CREATED = """
			{"id":"%s","accountName":"%s","campaignName":"pilot-1","fileName":"cfg.bin","fileVersion":"1.2",
			 "distributionType":"HTTP","startDate":"2030-07-01","endDate":"2030-07-15","status":"CampaignRequestPending"}
			""".formatted(REMOTE_ID, ACCOUNT);

	private static final String IN_HISTORY = """
			{"hasMoreData":false,"lastSeenCampaignId":"%s","campaignList":[{"id":"%s","accountName":"%s",
			 "campaignName":"pilot-1","distributionType":"HTTP","startDate":"2030-07-01","endDate":"2030-07-15",
			 "downloadTimeWindowList":[{"startTime":1,"endTime":5}],"status":"CampaignRequestPending"}]}
			""".formatted(REMOTE_ID, REMOTE_ID, ACCOUNT);

	private static final String EMPTY_HISTORY = """
			{"hasMoreData":false,"lastSeenCampaignId":"0","campaignList":[]}""";

	private WireMockServer server;

	private JdbcTemplate jdbc;

	private SubmissionLedger ledger;

	private ThingSpaceClient client;

	private long campaignId;

	@BeforeEach
	void setUp() {
		this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		this.server.start();
		this.server.stubFor(post(urlPathEqualTo("/api/ts/v1/oauth2/token"))
			.willReturn(okJson("{\"access_token\":\"tok\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		this.server.stubFor(post(urlPathEqualTo("/api/m2m/v1/session/login"))
			.willReturn(okJson("{\"sessionToken\":\"sess\"}")));
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(okJson(EMPTY_HISTORY)).atPriority(10));

		ThingSpaceProperties properties = new ThingSpaceProperties();
		properties.setBaseUrl(this.server.baseUrl());
		properties.setClientId("id");
		properties.setClientSecret("secret");
		properties.setUsername("user");
		properties.setPassword("password");
		properties.setMaxRequestsPerSecond(1000);
		properties.setReadTimeout(Duration.ofMillis(800));
		properties.getRetry().setInitialBackoff(Duration.ofMillis(1));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(5));
		this.client = new ThingSpaceClient(properties);

		this.jdbc = TestDatabase.freshTemplate();
		this.ledger = new SubmissionLedger(this.jdbc, new DataSourceTransactionManager(this.jdbc.getDataSource()),
				Clock.systemUTC());
		stageOneCampaign();
		this.campaignId = this.ledger.unfinishedIds(JOB).get(0);
	}

	@AfterEach
	void tearDown() {
		this.server.stop();
	}

	@Test
	void acceptedCampaignIsScheduledWithTheVendorIdAndTheBodyMatchesTheVendorPage() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(okJson(CREATED)));

		assertThat(submitter().submit(this.campaignId)).isEqualTo(CampaignState.SCHEDULED);

		assertThat(this.ledger.find(this.campaignId).remoteId()).isEqualTo(REMOTE_ID);
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE))
			.withHeader("Authorization", equalTo("Bearer tok"))
			.withHeader("VZ-M2M-Token", equalTo("sess"))
			.withRequestBody(equalToJson("""
					{"campaignName":"pilot-1","fileName":"cfg.bin","fileVersion":"1.2","distributionType":"HTTP",
					 "startDate":"2030-07-01","endDate":"2030-07-15","downloadTimeWindowList":[{"startTime":1,"endTime":5}],
					 "deviceList":["353456789012348","353456789012355"]}""")));
	}

	@Test
	void vendorRejectionIsKeptVerbatim() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errorCode\":\"FOTA.INPUT_INVALID\",\"errorMessage\":\"Invalid device id format\"}")));

		assertThat(submitter().submit(this.campaignId)).isEqualTo(CampaignState.REJECTED);

		assertThat(this.jdbc.queryForMap("SELECT error_code, error_message FROM campaign WHERE id = ?", this.campaignId))
			.containsEntry("ERROR_CODE", "FOTA.INPUT_INVALID")
			.containsEntry("ERROR_MESSAGE", "Invalid device id format");
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void timeoutWhereTheCampaignWasCreatedIsReconciledNotResent() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(okJson(CREATED).withFixedDelay(2_000)));
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).withQueryParam("campaignStatus", equalTo("CampaignRequestPending"))
			.willReturn(okJson(IN_HISTORY)));

		assertThat(submitter().submit(this.campaignId)).isEqualTo(CampaignState.SCHEDULED);

		assertThat(this.ledger.find(this.campaignId).remoteId()).isEqualTo(REMOTE_ID);
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void serverErrorWhereTheCampaignWasNotCreatedIsResentOnce() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).inScenario("flaky").whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).inScenario("flaky").whenScenarioStateIs("recovered")
			.willReturn(okJson(CREATED)));

		assertThat(submitter().submit(this.campaignId)).isEqualTo(CampaignState.SCHEDULED);

		this.server.verify(exactly(2), postRequestedFor(urlPathEqualTo(SCHEDULE)));
		this.server.verify(getRequestedFor(urlPathEqualTo(HISTORY)));
	}

	@Test
	void timeoutWhereTheCampaignWasNotCreatedIsResentOnce() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).inScenario("slow").whenScenarioStateIs(STARTED)
			.willReturn(okJson(CREATED).withFixedDelay(2_000))
			.willSetStateTo("fast"));
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).inScenario("slow").whenScenarioStateIs("fast")
			.willReturn(okJson(CREATED)));

		assertThat(submitter().submit(this.campaignId)).isEqualTo(CampaignState.SCHEDULED);

		this.server.verify(exactly(2), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void crashWhileSubmittingIsReconciledBeforeAnythingIsSent() {
		this.ledger.markSubmitting(this.campaignId);
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).withQueryParam("campaignStatus", equalTo("CampaignRequestPending"))
			.willReturn(okJson(IN_HISTORY)));
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(okJson(CREATED)));

		new SubmissionStepListener(this.ledger, reconciler()).beforeStep(MetaDataInstanceFactory
			.createStepExecution(MetaDataInstanceFactory.createJobExecution("campaignJob", JOB, 1L), "submit", 1L));

		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.SCHEDULED);
		assertThat(submitter().submit(this.campaignId)).isEqualTo(CampaignState.SCHEDULED);
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void unreadableHistoryKeepsTheCampaignUnknownAndSendsNothing() {
		this.ledger.markSubmitting(this.campaignId);
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(aResponse().withStatus(500)));

		assertThat(submitter().submit(this.campaignId)).isEqualTo(CampaignState.SUBMITTING);

		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void unreachableApiFailsTheCampaignAndARestartPlansItAgain() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

		assertThat(submitter().submit(this.campaignId)).isEqualTo(CampaignState.FAILED);
		assertThat(this.ledger.replanFailed(JOB)).isEqualTo(1);
		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.PLANNED);
	}

	@Test
	void badCredentialsStopTheRunAndLeaveTheCampaignPlanned() {
		this.server.stubFor(post(urlPathEqualTo("/api/m2m/v1/session/login")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errorCode\":\"UnifiedWebService.INPUT_INVALID\",\"errorMessage\":\"Invalid credentials\"}")));

		assertThatThrownBy(() -> submitter().submit(this.campaignId)).isInstanceOf(AuthenticationFailedException.class);

		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.PLANNED);
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/m2m/v1/session/login")));
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void droppedConnectionIsAnUnknownOutcomeThatIsReconciled() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).withQueryParam("campaignStatus", equalTo("CampaignRequestPending"))
			.willReturn(okJson(IN_HISTORY)));

		assertThat(submitter().submit(this.campaignId)).isEqualTo(CampaignState.SCHEDULED);

		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	private CampaignSubmitter submitter() {
		return new CampaignSubmitter(this.ledger, this.client, reconciler(), new SubmissionSettings(Duration.ZERO, 3, 8));
	}

	private Reconciler reconciler() {
		return new Reconciler(this.ledger, this.client);
	}

	private void stageOneCampaign() {
		RowValidator validator = new RowValidator(ACCOUNT, LocalDate.parse("2030-01-01"), new DateParser(null),
				"ab".repeat(32));
		Map<Column, String> cells = new EnumMap<>(Column.class);
		cells.put(Column.CAMPAIGN_NAME, "pilot-1");
		cells.put(Column.FILE_NAME, "cfg.bin");
		cells.put(Column.FILE_VERSION, "1.2");
		cells.put(Column.DISTRIBUTION_TYPE, "HTTP");
		cells.put(Column.START_DATE, "2030-07-01");
		cells.put(Column.END_DATE, "2030-07-15");
		cells.put(Column.DOWNLOAD_TIME_WINDOWS, "1-5");
		cells.put(Column.IMEI, "353456789012348;353456789012355");
		new DeviceEntryStore(this.jdbc).insert(JOB, validator.validate(new InputRow(2, cells)));
		new CampaignGrouper(this.jdbc).group(JOB, 10_000);
		assertThat(this.ledger.inState(JOB, CampaignState.PLANNED)).hasSize(1);
	}
}
