package io.github.campaignbatch.thingspace;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.util.DefaultUriBuilderFactory;

import tools.jackson.core.JacksonException;

/**
 * Client of the ThingSpace Software Management (FOTA v2) API. Thread-safe: one instance serves all the
 * threads of a run, sharing one OAuth2 token, one M2M session, one rate limiter and one cap on requests
 * in flight.
 * <p>
 * <b>Schedule calls are never repeated once they may have reached the server.</b>
 * {@link #scheduleFileUpgrade} sends its POST again only when the vendor certainly did not act on it: the
 * connection could not be opened, the vendor answered 429, or it refused the token or the session (each
 * renewed at most once per call). Every other failure ends in an exception that tells the caller what it
 * may conclude:
 * <ul>
 * <li>{@link VendorRejectedException}: a 4xx; not created.</li>
 * <li>{@link SubmissionOutcomeUnknownException}: timeout, reset, 5xx or 408 after sending; reconcile
 * with {@link #campaignHistory(String, Collection)} before sending again.</li>
 * <li>{@link ThingSpaceUnavailableException}: retries exhausted on attempts that were certainly not
 * processed, or the token/session could not be obtained; send again later.</li>
 * <li>{@link AuthenticationFailedException}: credentials refused or missing; never retried.</li>
 * </ul>
 * Read-only calls and cancels are retried on any transient failure (connection failures, timeouts, 408,
 * 429, 5xx) with exponential backoff and jitter, honouring {@code Retry-After}.
 */
public class ThingSpaceClient {

	/** Campaign statuses named in the vendor's documentation; the field itself is open-ended. */
	public static final List<String> KNOWN_CAMPAIGN_STATUSES = List.of("CampaignRequestPending",
			"CampaignRequestQueued", "CampaignQueued", "CampaignRequestFailed", "CampaignScheduled",
			"CampaignCancelled", "CampaignAborted", "CampaignFailed", "CampaignEnded");

	private static final Logger log = LoggerFactory.getLogger(ThingSpaceClient.class);

	private static final String FIRST_PAGE = "0";

	private final DefaultUriBuilderFactory uris;
	private final Clock clock;
	private final HttpTransport transport;
	private final Retrier retrier;
	private final AccessTokens accessTokens;
	private final SessionTokens sessionTokens;
	private final int maxInFlight;

	/** A client on the system clock that really sleeps between retries. */
	public ThingSpaceClient(ThingSpaceProperties properties) {
		this(properties, Clock.systemUTC(), Sleeper.SYSTEM);
	}

	/**
	 * @param clock decides token expiry and reads {@code Retry-After} dates
	 * @param sleeper waits before every retry
	 * @throws IllegalArgumentException when the base URL or a limit is unacceptable (see
	 * {@link ThingSpaceProperties#validate()}); missing credentials are reported by the first call
	 */
	public ThingSpaceClient(ThingSpaceProperties properties, Clock clock, Sleeper sleeper) {
		URI baseUrl = properties.validate();
		this.maxInFlight = properties.maxInFlight();
		this.uris = new DefaultUriBuilderFactory(baseUrl.toString());
		this.clock = clock;
		KnownSecrets secrets = new KnownSecrets(properties.clientSecret(), properties.password(),
				AccessTokens.basicCredential(properties));
		ThingSpaceProperties.Retry retry = properties.retry();
		this.transport = new HttpTransport(properties.connectTimeout(), properties.readTimeout(),
				new RateLimiter(properties.maxRequestsPerSecond()), properties.maxInFlight(), secrets,
				new ServerPause(clock, sleeper, retry.maxBackoff()), clock);
		this.retrier = new Retrier(retry.maxAttempts(), new Backoff(retry.initialBackoff(), retry.maxBackoff()),
				retry.maxBackoff(), sleeper);
		this.accessTokens = new AccessTokens(baseUrl, properties, clock, this.transport, this.retrier, secrets);
		this.sessionTokens = new SessionTokens(baseUrl, properties, this.accessTokens, clock, this.transport,
				this.retrier, secrets);
	}

	/**
	 * Schedules a file upgrade campaign: {@code POST /api/fota/v2/campaigns/files/{acc}}.
	 * @return the campaign as accepted; its status moves on asynchronously
	 * @throws VendorRejectedException the vendor refused it (HTTP 4xx): not created
	 * @throws SubmissionOutcomeUnknownException it may or may not have been created
	 * @throws ThingSpaceUnavailableException it was certainly not processed, and retries ran out
	 * @throws AuthenticationFailedException the credentials were refused or are missing
	 */
	public Campaign scheduleFileUpgrade(String account, ScheduleFileUpgradeRequest request) {
		requireAccount(account);
		Objects.requireNonNull(request, "request");
		URI uri = this.uris.expand("/api/fota/v2/campaigns/files/{acc}", account);
		String target = target(HttpMethod.POST, uri);
		byte[] body = ThingSpaceJson.write(request);
		AuthRenewals renewals = new AuthRenewals();
		HttpAnswer answer = this.retrier.runOnlyIfNotProcessed(target,
				failure -> new SubmissionOutcomeUnknownException(
						failure.getMessage() + "; the campaign may or may not have been created", failure),
				() -> send(HttpMethod.POST, uri, target, body, renewals));
		Campaign campaign;
		try {
			campaign = ThingSpaceJson.read(answer.body(), Campaign.class);
		}
		catch (JacksonException ex) {
			throw new SubmissionOutcomeUnknownException(target + " answered HTTP " + answer.status()
					+ " with a body that is not a campaign (" + parseProblem(ex) + "), so the campaign id is unknown: "
					+ answer.bodyExcerpt());
		}
		if (campaign == null || campaign.id() == null || campaign.id().isBlank()) {
			throw new SubmissionOutcomeUnknownException(target + " answered HTTP " + answer.status()
					+ " without a campaign id: " + answer.bodyExcerpt());
		}
		return campaign;
	}

	/**
	 * All campaigns of one status: {@code GET /api/fota/v2/reports/{acc}/campaigns}, following
	 * {@code hasMoreData}/{@code lastSeenCampaignId} to the last page.
	 */
	public List<Campaign> campaignHistory(String account, String campaignStatus) {
		requireAccount(account);
		Objects.requireNonNull(campaignStatus, "campaignStatus");
		List<Campaign> campaigns = new ArrayList<>();
		String lastSeen = FIRST_PAGE;
		while (true) {
			URI uri = this.uris.expand(
					"/api/fota/v2/reports/{acc}/campaigns?campaignStatus={status}&lastSeenCampaignId={lastSeen}",
					account, campaignStatus, lastSeen);
			CampaignHistoryPage page = read(HttpMethod.GET, uri, CampaignHistoryPage.class);
			if (page.campaignList() != null) {
				campaigns.addAll(page.campaignList());
			}
			if (!page.hasMoreData()) {
				return campaigns;
			}
			lastSeen = nextPage(uri, lastSeen, page.lastSeenCampaignId());
		}
	}

	/**
	 * The campaigns of every given status, queried one status at a time. A campaign whose status changed
	 * between two queries appears once, as last seen.
	 * <p>
	 * One after another, never side by side: with the statuses in lifecycle order
	 * ({@link #KNOWN_CAMPAIGN_STATUSES}), a campaign that moves on during the read is still seen in one of them,
	 * while concurrent queries could each miss it (the reconciler would then take it for not created).
	 */
	public List<Campaign> campaignHistory(String account, Collection<String> campaignStatuses) {
		Map<String, Campaign> byId = new LinkedHashMap<>();
		List<Campaign> withoutId = new ArrayList<>();
		for (String status : new LinkedHashSet<>(campaignStatuses)) {
			for (Campaign campaign : campaignHistory(account, status)) {
				if (campaign.id() == null) {
					withoutId.add(campaign);
				}
				else {
					byId.put(campaign.id(), campaign);
				}
			}
		}
		List<Campaign> all = new ArrayList<>(byId.values());
		all.addAll(withoutId);
		return all;
	}

	/** One campaign: {@code GET /api/fota/v2/campaigns/{acc}/{campaignId}}. */
	public Campaign getCampaign(String account, String campaignId) {
		requireAccount(account);
		requireText(campaignId, "campaignId");
		return read(HttpMethod.GET, this.uris.expand("/api/fota/v2/campaigns/{acc}/{id}", account, campaignId),
				Campaign.class);
	}

	/** The files uploaded for the account (at most 100): {@code GET /api/fota/v2/files/{acc}}. */
	public List<AvailableFile> availableFiles(String account) {
		requireAccount(account);
		return files(this.uris.expand("/api/fota/v2/files/{acc}", account));
	}

	/** The files uploaded for the account with the given {@code distributionType} ({@code HTTP} or {@code OMA}). */
	public List<AvailableFile> availableFiles(String account, String distributionType) {
		requireAccount(account);
		requireText(distributionType, "distributionType");
		return files(this.uris.expand("/api/fota/v2/files/{acc}?distributionType={type}", account, distributionType));
	}

	private List<AvailableFile> files(URI uri) {
		AvailableFilesResponse response = read(HttpMethod.GET, uri, AvailableFilesResponse.class);
		return response.files() == null ? List.of() : response.files();
	}

	/**
	 * Cancels a campaign that has not started, or aborts one that has:
	 * {@code DELETE /api/fota/v2/campaigns/{acc}/{campaignId}}.
	 * @return the vendor's {@code success} flag
	 */
	public boolean cancelCampaign(String account, String campaignId) {
		requireAccount(account);
		requireText(campaignId, "campaignId");
		SuccessResponse response = read(HttpMethod.DELETE,
				this.uris.expand("/api/fota/v2/campaigns/{acc}/{id}", account, campaignId), SuccessResponse.class);
		return Boolean.TRUE.equals(response.success());
	}

	/**
	 * Changes a campaign's dates and windows: {@code PUT /api/fota/v2/campaigns/{acc}/{campaignId}/dates} with the
	 * whole schedule (the vendor clears what is left out). Like the schedule call, it is sent again only when the
	 * vendor certainly did not act on it: whether a change whose answer was lost took effect is for the caller to
	 * read (the campaign's dates) before sending anything again.
	 * @throws VendorRejectedException the vendor refused it (HTTP 4xx): nothing changed
	 * @throws SubmissionOutcomeUnknownException it may or may not have been applied
	 * @throws ThingSpaceUnavailableException it was certainly not processed, and retries ran out
	 */
	public void changeCampaignDates(String account, String campaignId, CampaignDates dates) {
		requireAccount(account);
		requireText(campaignId, "campaignId");
		Objects.requireNonNull(dates, "dates");
		change(this.uris.expand("/api/fota/v2/campaigns/{acc}/{id}/dates", account, campaignId), dates);
	}

	/**
	 * Appends devices to a campaign and removes others, in one call: {@code PUT /api/fota/v2/campaigns/{acc}/{campaignId}}
	 * (the vendor accepts it only while the campaign is {@code CampaignRequestPending} or queued). Sent again only
	 * when certainly not processed, like {@link #changeCampaignDates}; the campaign's device report tells whether a
	 * change whose answer was lost took effect.
	 * @return the vendor's request id, {@code null} when its answer named none
	 * @throws VendorRejectedException the vendor refused it (HTTP 4xx): nothing changed
	 * @throws SubmissionOutcomeUnknownException it may or may not have been applied
	 * @throws ThingSpaceUnavailableException it was certainly not processed, and retries ran out
	 */
	public String changeCampaignDevices(String account, String campaignId, List<String> append, List<String> remove) {
		requireAccount(account);
		requireText(campaignId, "campaignId");
		if (append.isEmpty() && remove.isEmpty()) {
			throw new IllegalArgumentException("no device to append or remove");
		}
		HttpAnswer answer = change(this.uris.expand("/api/fota/v2/campaigns/{acc}/{id}", account, campaignId),
				DeviceChange.of(append, remove));
		try {
			DeviceChange.Answer read = ThingSpaceJson.read(answer.body(), DeviceChange.Answer.class);
			return read == null ? null : read.requestId();
		}
		catch (JacksonException ex) {
			// applied all the same: the vendor answered 2xx; only its request id is lost
			log.info("The device change of campaign {} was accepted with an answer that names no request: {}", campaignId,
					answer.bodyExcerpt());
			return null;
		}
	}

	/** A PUT that changes a campaign: never repeated once it may have been processed. */
	private HttpAnswer change(URI uri, Object body) {
		String target = target(HttpMethod.PUT, uri);
		byte[] json = ThingSpaceJson.write(body);
		AuthRenewals renewals = new AuthRenewals();
		return this.retrier.runOnlyIfNotProcessed(target,
				failure -> new SubmissionOutcomeUnknownException(
						failure.getMessage() + "; the change may or may not have been applied", failure),
				() -> send(HttpMethod.PUT, uri, target, json, renewals));
	}

	/**
	 * Where every device of a campaign stands:
	 * {@code GET /api/fota/v2/reports/{acc}/campaigns/{campaignId}/devices}, all pages.
	 */
	public List<DeviceStatus> deviceStatuses(String account, String campaignId) {
		requireAccount(account);
		requireText(campaignId, "campaignId");
		List<DeviceStatus> devices = new ArrayList<>();
		String lastSeen = FIRST_PAGE;
		while (true) {
			URI uri = this.uris.expand("/api/fota/v2/reports/{acc}/campaigns/{id}/devices?lastSeenDeviceId={lastSeen}",
					account, campaignId, lastSeen);
			DeviceStatusPage page = read(HttpMethod.GET, uri, DeviceStatusPage.class);
			if (page.deviceList() != null) {
				devices.addAll(page.deviceList());
			}
			if (!page.hasMoreData()) {
				return devices;
			}
			lastSeen = nextPage(uri, lastSeen, page.lastSeenDeviceId());
		}
	}

	/** One campaign's device report among several read together: its devices, or why it could not be read. */
	public record DeviceReport(List<DeviceStatus> devices, RuntimeException failure) {

		/**
		 * The devices.
		 * @throws RuntimeException the failure of its read, the same exception a read of this report alone throws
		 */
		public List<DeviceStatus> devicesOrThrow() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.devices;
		}
	}

	/**
	 * The device reports of several campaigns ({@link #deviceStatuses(String, String)} each), read side by side by up
	 * to {@code thingspace.max-in-flight} threads, the caller's one of them. Each request still takes its permit from
	 * the rate limit like any other: one after another, each read would also wait for the previous one's round trip.
	 * A report that cannot be read does not stop the others; its failure is in its {@link DeviceReport}.
	 * @return per campaign id, in the order given
	 */
	public Map<String, DeviceReport> deviceStatuses(String account, Collection<String> campaignIds) {
		requireAccount(account);
		List<String> ids = List.copyOf(new LinkedHashSet<>(campaignIds));
		Map<String, DeviceReport> read = new ConcurrentHashMap<>();
		Queue<String> toRead = new ConcurrentLinkedQueue<>(ids);
		Runnable reader = () -> {
			for (String id = toRead.poll(); id != null; id = toRead.poll()) {
				try {
					read.put(id, new DeviceReport(deviceStatuses(account, id), null));
				}
				catch (RuntimeException ex) {
					read.put(id, new DeviceReport(List.of(), ex));
				}
			}
		};
		List<Thread> helpers = new ArrayList<>();
		for (int i = 1; i < Math.min(this.maxInFlight, ids.size()); i++) {
			Thread helper = new Thread(reader, "device-reports-" + i);
			helper.setDaemon(true);
			helper.start();
			helpers.add(helper);
		}
		reader.run();
		try {
			for (Thread helper : helpers) {
				helper.join();
			}
		}
		catch (InterruptedException ex) {
			helpers.forEach(Thread::interrupt);
			Thread.currentThread().interrupt();
		}
		Map<String, DeviceReport> inOrder = new LinkedHashMap<>();
		for (String id : ids) {
			DeviceReport report = read.get(id);
			inOrder.put(id, report != null ? report : new DeviceReport(List.of(),
					new ThingSpaceUnavailableException("interrupted while reading the device report of campaign " + id)));
		}
		return inOrder;
	}

	/** An idempotent FOTA call, retried on any transient failure, its 2xx body read as {@code type}. */
	private <T> T read(HttpMethod method, URI uri, Class<T> type) {
		String target = target(method, uri);
		AuthRenewals renewals = new AuthRenewals();
		HttpAnswer answer = this.retrier.runIdempotent(target, () -> send(method, uri, target, null, renewals));
		T value;
		try {
			value = ThingSpaceJson.read(answer.body(), type);
		}
		catch (JacksonException ex) {
			throw new ThingSpaceException(target + " answered HTTP " + answer.status() + " with a body that is not the"
					+ " expected " + type.getSimpleName() + " (" + parseProblem(ex) + "): " + answer.bodyExcerpt());
		}
		if (value == null) {
			throw new ThingSpaceException(target + " answered HTTP " + answer.status() + " without a body");
		}
		return value;
	}

	/**
	 * One attempt of a FOTA call with both credentials. A refused token or session is renewed and the
	 * request sent again, at most once each per call: the vendor did not process a request it refused to
	 * authenticate, and a second refusal with fresh credentials will not be cured by a third.
	 * @return a 2xx answer
	 * @throws TransientFailure for the retry loop to judge
	 */
	private HttpAnswer send(HttpMethod method, URI uri, String target, byte[] body, AuthRenewals renewals) {
		while (true) {
			String bearer = this.accessTokens.current();
			String session = this.sessionTokens.current();
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Authorization", "Bearer " + bearer);
			headers.put("VZ-M2M-Token", session);
			HttpAnswer answer = this.transport.exchange(method, uri, headers, MediaType.APPLICATION_JSON, body);
			if (answer.isSuccess()) {
				return answer;
			}
			VendorError error = vendorError(answer);
			if (isSessionRejection(answer, error)) {
				if (renewals.session) {
					throw refusedAgain(target, answer, "a fresh M2M session",
							List.of(ThingSpaceProperties.ENV_USERNAME, ThingSpaceProperties.ENV_PASSWORD));
				}
				renewals.session = true;
				log.info("{}: the M2M session expired ({}); logging in again", target, error.errorCode());
				this.sessionTokens.invalidate(session);
				continue;
			}
			if (answer.status() == 401) {
				if (renewals.token) {
					throw refusedAgain(target, answer, "a fresh OAuth2 token",
							List.of(ThingSpaceProperties.ENV_CLIENT_ID, ThingSpaceProperties.ENV_CLIENT_SECRET));
				}
				renewals.token = true;
				log.info("{}: the OAuth2 token was refused; fetching a new one", target);
				this.accessTokens.invalidate(bearer);
				continue;
			}
			TransientFailure failure = TransientFailure.forStatus(target, answer, this.clock);
			if (failure != null) {
				throw failure;
			}
			throw error != null
					? new VendorRejectedException(target, answer.status(), answer.scrub(error.errorCode()),
							answer.scrub(error.errorMessage()))
					: new VendorRejectedException(target, answer.status(), null, answer.bodyExcerpt());
		}
	}

	private static boolean isSessionRejection(HttpAnswer answer, VendorError error) {
		if ((answer.status() != 400 && answer.status() != 401) || error == null || error.errorCode() == null) {
			return false;
		}
		String code = error.errorCode().toLowerCase(Locale.ROOT);
		return code.contains("sessiontoken.expired") || code.contains("sessiontoken.invalid");
	}

	/** The vendor's JSON error, or {@code null} when the body has another shape. */
	private static VendorError vendorError(HttpAnswer answer) {
		try {
			VendorError error = ThingSpaceJson.read(answer.body(), VendorError.class);
			return error != null && (error.errorCode() != null || error.errorMessage() != null) ? error : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Where the body stopped making sense. The parser's own message is left out on purpose: it quotes
	 * the offending input, which is not ours to control.
	 */
	private static String parseProblem(JacksonException ex) {
		String path = ex.getPathReference();
		return ex.getClass().getSimpleName() + (path == null || path.isEmpty() ? "" : " at " + path);
	}

	private static AuthenticationFailedException refusedAgain(String target, HttpAnswer answer, String renewed,
			List<String> environmentVariables) {
		return new AuthenticationFailedException(AuthenticationFailedException.Step.API_CALL,
				target + " was refused with HTTP " + answer.status() + " again after " + renewed + " ("
						+ answer.bodyExcerpt() + "); the credentials are not accepted for this account or API.",
				environmentVariables);
	}

	private static String nextPage(URI uri, String lastSeen, String next) {
		if (next == null || next.isBlank() || next.equals(lastSeen)) {
			throw new ThingSpaceException(target(HttpMethod.GET, uri) + " said hasMoreData but gave no new"
					+ " last-seen id (" + next + "); stopping instead of looping");
		}
		return next;
	}

	private static String target(HttpMethod method, URI uri) {
		return method.name() + " " + HttpTransport.pathOf(uri);
	}

	private static void requireAccount(String account) {
		requireText(account, "account");
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	/** Which credential has already been renewed during one call. */
	private static final class AuthRenewals {

		boolean token;
		boolean session;
	}
}
