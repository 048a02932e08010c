package io.github.campaignbatch.submission;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.campaignbatch.staging.TestStaging;
import io.github.campaignbatch.input.Column;
import io.github.campaignbatch.input.InputRow;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabase;
import io.github.campaignbatch.thingspace.AuthenticationFailedException;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpacePropertiesBuilder;
import io.github.campaignbatch.validation.DateParser;
import io.github.campaignbatch.validation.DeviceEntry;
import io.github.campaignbatch.validation.RowValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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

	@TempDir
	Path staging;

	private final List<DeviceEntry> stagedEntries = new ArrayList<>();

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

	/** The device report of campaign {@link #REMOTE_ID}: exactly the staged campaign's devices, so it is ours. */
	private static final String OUR_DEVICES = """
			{"totalDevice":2,"hasMoreData":false,"lastSeenDeviceId":"353456789012355","maxPageSize":1000,"deviceList":[
			 {"deviceId":"353456789012348","status":"Accepted"},{"deviceId":"353456789012355","status":"Accepted"}]}""";

	private static final String EMPTY_HISTORY = """
			{"hasMoreData":false,"lastSeenCampaignId":"0","campaignList":[]}""";

	/** Short enough for a test to wait for, long enough that the first history read comes before it. */
	private static final Duration SHORT_HORIZON = Duration.ofMillis(1500);

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
		this.server.stubFor(get(urlPathEqualTo(HISTORY + "/" + REMOTE_ID + "/devices")).willReturn(okJson(OUR_DEVICES)));

		this.client = new ThingSpaceClient(properties(this.server.baseUrl()).build());

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

		assertThat(submitter(SHORT_HORIZON).send(this.campaignId)).isEqualTo(CampaignState.SCHEDULED);

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

		assertThat(submitter(SHORT_HORIZON).send(this.campaignId)).isEqualTo(CampaignState.REJECTED);

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

		assertThat(submitAndSettle(this.campaignId, Duration.ofMinutes(10))).isEqualTo(CampaignState.SCHEDULED);

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

		assertThat(submitAndSettle(this.campaignId, SHORT_HORIZON)).isEqualTo(CampaignState.SCHEDULED);

		this.server.verify(exactly(2), postRequestedFor(urlPathEqualTo(SCHEDULE)));
		this.server.verify(getRequestedFor(urlPathEqualTo(HISTORY)));
	}

	@Test
	void campaignMissingFromTheHistoryBeforeTheHorizonStaysInDoubtAndIsNotResent() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(aResponse().withStatus(503)));

		assertThat(submitter(Duration.ofMinutes(10)).send(this.campaignId)).isEqualTo(CampaignState.UNKNOWN);
		assertThat(reconciler(Duration.ofMinutes(10)).reconcile(this.ledger.find(this.campaignId)))
			.isEqualTo(Reconciler.Verdict.UNDECIDED);

		LedgerCampaign campaign = this.ledger.find(this.campaignId);
		assertThat(campaign.state()).isEqualTo(CampaignState.UNKNOWN);
		assertThat(campaign.lastSentAt()).isNotNull();
		assertThat(this.jdbc.queryForObject("SELECT error_message FROM campaign WHERE id = ?", String.class, this.campaignId))
			.startsWith("in doubt, settled after ")
			.contains("not in ThingSpace's history yet");
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void campaignMissingFromAHistoryReadMadeAfterTheHorizonWasNotCreatedAndIsPlannedAgain() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(aResponse().withStatus(503)));
		assertThat(submitter(Duration.ofMinutes(10)).send(this.campaignId)).isEqualTo(CampaignState.UNKNOWN);
		this.jdbc.update("UPDATE campaign SET last_sent_at = ? WHERE id = ?",
				java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofMinutes(11))), this.campaignId);

		assertThat(reconciler(Duration.ofMinutes(10)).reconcile(this.ledger.find(this.campaignId)))
			.isEqualTo(Reconciler.Verdict.NOT_FOUND);

		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.PLANNED);
	}

	@Test
	void aFoundCampaignWhoseIdARowOfAnotherJobInstanceHoldsIsSetAsideWithoutReadingItsDevices() {
		List<Long> ids = stageMoreCampaigns(1);
		// Another input's row (another job instance) already holds the id, as a campaign since cancelled might.
		this.jdbc.update("UPDATE campaign SET job_instance_id = ?, state = 'REJECTED', remote_id = ? WHERE id = ?", JOB + 1,
				REMOTE_ID, ids.get(1));
		long pilot1 = ids.get(0);
		this.ledger.markSubmitting(pilot1);
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).withQueryParam("campaignStatus", equalTo("CampaignRequestPending"))
			.willReturn(okJson(IN_HISTORY)));

		assertThat(reconciler(Duration.ofMinutes(10)).reconcile(this.ledger.find(pilot1)))
			.isEqualTo(Reconciler.Verdict.UNDECIDED);

		LedgerCampaign campaign = this.ledger.find(pilot1);
		assertThat(campaign.state()).isEqualTo(CampaignState.UNKNOWN);
		assertThat(campaign.remoteId()).isNull();
		assertThat(this.jdbc.queryForObject("SELECT error_message FROM campaign WHERE id = ?", String.class, pilot1))
			.contains("not in ThingSpace's history yet (1 of that name and dates there, not ours)");
		this.server.verify(exactly(0), getRequestedFor(urlPathEqualTo(HISTORY + "/" + REMOTE_ID + "/devices")));
	}

	@Test
	void anIdAWorkerRecordedAfterTheCheckIsNotClaimedASecondTime() {
		List<Long> ids = stageMoreCampaigns(1);
		this.ledger.markSubmitting(ids.get(0));
		this.ledger.markSubmitting(ids.get(1));
		// The check found no holder; then a worker's POST answer recorded the id for the other campaign.
		assertThat(this.ledger.holderOf(REMOTE_ID, ids.get(0))).isEmpty();
		this.ledger.markScheduled(ids.get(1), CampaignState.SUBMITTING, REMOTE_ID, "CampaignRequestPending");

		assertThat(this.ledger.claimFound(ids.get(0), CampaignState.SUBMITTING, REMOTE_ID, "CampaignRequestPending"))
			.isFalse();

		assertThat(this.ledger.find(ids.get(0)).state()).isEqualTo(CampaignState.SUBMITTING);
		assertThat(this.ledger.holderOf(REMOTE_ID, ids.get(0))).map(LedgerCampaign::id).contains(ids.get(1));
	}

	@Test
	void timeoutWhereTheCampaignWasNotCreatedIsResentOnce() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).inScenario("slow").whenScenarioStateIs(STARTED)
			.willReturn(okJson(CREATED).withFixedDelay(2_000))
			.willSetStateTo("fast"));
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).inScenario("slow").whenScenarioStateIs("fast")
			.willReturn(okJson(CREATED)));

		assertThat(submitAndSettle(this.campaignId, SHORT_HORIZON)).isEqualTo(CampaignState.SCHEDULED);

		this.server.verify(exactly(2), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void crashWhileSubmittingIsReconciledBeforeAnythingIsSent() {
		this.ledger.markSubmitting(this.campaignId);
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).withQueryParam("campaignStatus", equalTo("CampaignRequestPending"))
			.willReturn(okJson(IN_HISTORY)));
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(okJson(CREATED)));

		beforeSubmitStep(Duration.ofMinutes(10));

		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.SCHEDULED);
		assertThat(submitter(Duration.ofMinutes(10)).send(this.campaignId)).isEqualTo(CampaignState.SCHEDULED);
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void crashWhileSubmittingNotInTheHistoryYetStaysInDoubtFromItsRecordedSendTime() {
		this.ledger.markSubmitting(this.campaignId);
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(okJson(CREATED)));

		beforeSubmitStep(Duration.ofMinutes(10));

		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.UNKNOWN);
		assertThat(submitter(Duration.ofMinutes(10)).send(this.campaignId)).isEqualTo(CampaignState.UNKNOWN);
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(SCHEDULE)));

		// The same crash, its POST recorded 11 minutes ago: the history now proves it was not created.
		this.jdbc.update("UPDATE campaign SET last_sent_at = ? WHERE id = ?",
				java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofMinutes(11))), this.campaignId);
		beforeSubmitStep(Duration.ofMinutes(10));
		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.PLANNED);
	}

	@Test
	void unreadableHistoryKeepsTheCampaignInDoubtAndSendsNothing() {
		this.ledger.markSubmitting(this.campaignId);
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(aResponse().withStatus(500)));

		beforeSubmitStep(Duration.ZERO);

		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.UNKNOWN);
		assertThat(submitter(Duration.ZERO).send(this.campaignId)).isEqualTo(CampaignState.UNKNOWN);
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void unreachableApiFailsTheCampaignAndARestartPlansItAgain() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

		assertThat(submitter(SHORT_HORIZON).send(this.campaignId)).isEqualTo(CampaignState.FAILED);
		assertThat(this.ledger.replanFailed(JOB)).isEqualTo(1);
		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.PLANNED);
	}

	@Test
	void badCredentialsStopTheRunAndLeaveTheCampaignPlanned() {
		this.server.stubFor(post(urlPathEqualTo("/api/m2m/v1/session/login")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errorCode\":\"UnifiedWebService.INPUT_INVALID\",\"errorMessage\":\"Invalid credentials\"}")));

		assertThatThrownBy(() -> submitter(SHORT_HORIZON).send(this.campaignId))
			.isInstanceOf(AuthenticationFailedException.class);

		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.PLANNED);
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo("/api/m2m/v1/session/login")));
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void droppedConnectionIsAnUnknownOutcomeThatIsReconciled() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).withQueryParam("campaignStatus", equalTo("CampaignRequestPending"))
			.willReturn(okJson(IN_HISTORY)));

		assertThat(submitAndSettle(this.campaignId, Duration.ofMinutes(10))).isEqualTo(CampaignState.SCHEDULED);

		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void aLostAnswerDoesNotHoldTheWorkerThatSendsTheOthers() throws Exception {
		List<Long> ids = stageMoreCampaigns(3);
		// The first campaign's answer is lost and the history never shows it: it stays in doubt for 10 minutes.
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).withRequestBody(matchingJsonPath("$.campaignName", equalTo("pilot-1")))
			.willReturn(aResponse().withStatus(503)).atPriority(1));
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(okJson(CREATED)).atPriority(5));
		Duration horizon = Duration.ofMinutes(10);
		CampaignSubmitter submitter = submitter(horizon);
		try (InDoubtCampaigns inDoubt = new InDoubtCampaigns(this.ledger, reconciler(horizon), submitter,
				new SubmissionSettings(Duration.ofMinutes(5), 3, 8, horizon, 3, true), Clock.systemUTC())) {
			CampaignSubmissionWriter writer = new CampaignSubmissionWriter(submitter, inDoubt, this.ledger, 1, 3);
			writer.open(new ExecutionContext());
			long started = System.nanoTime();
			writer.write(Chunk.of(ids.toArray(Long[]::new)));
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			writer.close();

			assertThat(this.ledger.find(ids.get(0)).state()).isEqualTo(CampaignState.UNKNOWN);
			assertThat(ids.subList(1, ids.size())).allSatisfy(id -> assertThat(this.ledger.find(id).state())
				.isEqualTo(CampaignState.SCHEDULED));
			assertThat(inDoubt.size()).isEqualTo(1);
			// One worker, and the lost answer's first history re-read is five minutes away: it did not wait for it.
			assertThat(took).isLessThan(Duration.ofMinutes(2));
		}
		this.server.verify(exactly(ids.size()), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void aTimedOutAnswerBeforeItsHorizonIsSettledByOneReadAtTheEndOfTheStep() {
		this.server.stubFor(post(urlPathEqualTo(SCHEDULE)).willReturn(okJson(CREATED).withFixedDelay(2_000)));
		this.server.stubFor(get(urlPathEqualTo(HISTORY)).withQueryParam("campaignStatus", equalTo("CampaignRequestPending"))
			.willReturn(okJson(IN_HISTORY)));
		Duration horizon = Duration.ofMinutes(10);
		CampaignSubmitter submitter = submitter(horizon);
		try (InDoubtCampaigns inDoubt = new InDoubtCampaigns(this.ledger, reconciler(horizon), submitter, settings(horizon),
				Clock.systemUTC())) {
			assertThat(submitter.send(this.campaignId)).isEqualTo(CampaignState.UNKNOWN);
			inDoubt.add(this.campaignId);
			// While sending, its read waits for company (InDoubtScheduleTest proves when, on a clock); drain reads at once.
			assertThat(inDoubt.drain(line -> {
			}, () -> false, true)).isTrue();
		}
		assertThat(this.ledger.find(this.campaignId).state()).isEqualTo(CampaignState.SCHEDULED);
		// One read at the end: one request per campaign status.
		this.server.verify(exactly(ThingSpaceClient.KNOWN_CAMPAIGN_STATUSES.size()), getRequestedFor(urlPathEqualTo(HISTORY)));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(SCHEDULE)));
	}

	@Test
	void anUnreachableApiStopsTheSendingAfterARunOfCampaignsThatCouldNotBeSent() throws Exception {
		List<Long> ids = stageMoreCampaigns(8);
		// A refused connection is what a down API gives; a port nobody listens on gives exactly that.
		ThingSpaceClient unreachable = new ThingSpaceClient(properties("http://127.0.0.1:" + closedPort()).build());
		SubmissionSettings settings = settings(SHORT_HORIZON);
		Reconciler reconciler = new Reconciler(this.ledger, unreachable, Clock.systemUTC(), SHORT_HORIZON);
		CampaignSubmitter submitter = new CampaignSubmitter(this.ledger, unreachable, reconciler, settings, Clock.systemUTC());
		try (InDoubtCampaigns inDoubt = new InDoubtCampaigns(this.ledger, reconciler, submitter, settings, Clock.systemUTC())) {
			CampaignSubmissionWriter writer = new CampaignSubmissionWriter(submitter, inDoubt, this.ledger, 1, 3);
			writer.open(new ExecutionContext());

			assertThatThrownBy(() -> writer.write(Chunk.of(ids.toArray(Long[]::new))))
				.isInstanceOf(ThingSpaceUnreachableException.class)
				.hasMessageStartingWith("ThingSpace is unreachable (3 campaigns in a row could not be sent");
			writer.close();
		}
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT state, attempts FROM campaign ORDER BY first_row_no, part_no");
		assertThat(rows.stream().filter(row -> "FAILED".equals(row.get("STATE")) || "FAILED".equals(row.get("state"))))
			.hasSize(3);
		assertThat(rows.stream().filter(row -> ((Number) (row.containsKey("ATTEMPTS") ? row.get("ATTEMPTS") : row.get("attempts")))
			.intValue() == 0)).as("nothing more was tried once ThingSpace was found down").hasSize(rows.size() - 3);
	}

	/** Sends the campaign, then lets the in-doubt settler work until it is settled or the horizon gives up. */
	private CampaignState submitAndSettle(long id, Duration horizon) {
		SubmissionSettings settings = settings(horizon);
		CampaignSubmitter submitter = submitter(horizon);
		CampaignState state = submitter.send(id);
		if (state.needsReconciliation()) {
			try (InDoubtCampaigns inDoubt = new InDoubtCampaigns(this.ledger, reconciler(horizon), submitter, settings,
					Clock.systemUTC())) {
				inDoubt.add(id);
				inDoubt.drain(line -> {
				}, () -> false, true);
			}
		}
		return this.ledger.find(id).state();
	}

	private void beforeSubmitStep(Duration horizon) {
		CampaignSubmitter submitter = submitter(horizon);
		try (InDoubtCampaigns inDoubt = new InDoubtCampaigns(this.ledger, reconciler(horizon), submitter,
				settings(horizon), Clock.systemUTC())) {
			new SubmissionStepListener(this.ledger, reconciler(horizon), inDoubt, null).beforeStep(MetaDataInstanceFactory
				.createStepExecution(MetaDataInstanceFactory.createJobExecution("campaignJob", JOB, 1L), "submit", 1L));
		}
	}

	private static SubmissionSettings settings(Duration horizon) {
		return new SubmissionSettings(Duration.ZERO, 3, 8, horizon, 3, true);
	}

	private CampaignSubmitter submitter(Duration horizon) {
		return new CampaignSubmitter(this.ledger, this.client, reconciler(horizon), settings(horizon), Clock.systemUTC());
	}

	private Reconciler reconciler(Duration horizon) {
		return new Reconciler(this.ledger, this.client, Clock.systemUTC(), horizon);
	}

	/** Stages {@code count} more campaigns (pilot-2, pilot-3, ...) and returns every campaign's id, pilot-1 first. */
	private List<Long> stageMoreCampaigns(int count) {
		RowValidator validator = new RowValidator(ACCOUNT, LocalDate.parse("2030-01-01"), new DateParser(null),
				"ab".repeat(32));
		for (int i = 0; i < count; i++) {
			Map<Column, String> cells = new EnumMap<>(Column.class);
			cells.put(Column.CAMPAIGN_NAME, "pilot-" + (i + 2));
			cells.put(Column.FILE_NAME, "cfg.bin");
			cells.put(Column.FILE_VERSION, "1.2");
			cells.put(Column.DISTRIBUTION_TYPE, "HTTP");
			cells.put(Column.START_DATE, "2030-07-01");
			cells.put(Column.END_DATE, "2030-07-15");
			cells.put(Column.IMEI, SampleInputs.imei(900 + i));
			this.stagedEntries.addAll(validator.validate(new InputRow(3 + i, cells)));
		}
		this.jdbc.update("DELETE FROM campaign WHERE job_instance_id = ?", JOB);
		stageAndPlan();
		return this.ledger.unfinishedIds(JOB);
	}

	private static ThingSpacePropertiesBuilder properties(String baseUrl) {
		ThingSpacePropertiesBuilder properties = new ThingSpacePropertiesBuilder();
		properties.baseUrl(baseUrl);
		properties.clientId("id");
		properties.clientSecret("secret");
		properties.username("user");
		properties.password("password");
		properties.maxRequestsPerSecond(1000);
		properties.readTimeout(Duration.ofMillis(800));
		properties.initialBackoff(Duration.ofMillis(1));
		properties.maxBackoff(Duration.ofMillis(5));
		return properties;
	}

	private static int closedPort() throws java.io.IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
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
		this.stagedEntries.addAll(validator.validate(new InputRow(2, cells)));
		stageAndPlan();
		assertThat(this.ledger.inState(JOB, CampaignState.PLANNED)).hasSize(1);
	}

	/** Stages every entry so far in a staging file (as a restarted load step does) and plans their campaigns. */
	private void stageAndPlan() {
		try {
			TestStaging.stageAndGroup(TestStaging.store(this.jdbc, this.staging), this.jdbc, JOB, this.stagedEntries, 10_000);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
