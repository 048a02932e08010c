/**
 * HTTP client for the ThingSpace FOTA v2 API: OAuth2 token and M2M session handling, rate limiting, retries for idempotent calls, and the request/response DTOs.
 *
 * <h2>Entry points</h2>
 * {@link io.github.campaignbatch.thingspace.ThingSpaceClient} (plain Java, thread-safe), configured by
 * {@link io.github.campaignbatch.thingspace.ThingSpaceProperties} ({@code thingspace.*} or the
 * {@code THINGSPACE_*} environment variables) and made a lazy Spring bean by
 * {@link io.github.campaignbatch.thingspace.ThingSpaceClientConfiguration}.
 *
 * <h2>What is sent again, and when</h2>
 * <ul>
 * <li><b>Schedule (POST)</b>: sent again only when the vendor certainly did not process it: the
 * connection could not be opened (refused, connect timeout, unknown host, TLS handshake), or it answered
 * 429. A 401 is answered by one fresh token and one more send, a session-expired answer (400/401 whose
 * {@code errorCode} contains {@code SessionToken.Expired} or {@code SessionToken.Invalid}) by one new
 * login and one more send. Anything after the request may have been written (read timeout, reset,
 * truncated answer, 408, 5xx, an unreadable 2xx) is reported as
 * {@link io.github.campaignbatch.thingspace.SubmissionOutcomeUnknownException} and never repeated.</li>
 * <li><b>Changes (PUT dates, PUT devices)</b>: as the schedule call; an ambiguous failure is a
 * {@link io.github.campaignbatch.thingspace.SubmissionOutcomeUnknownException}, and the caller reads the campaign
 * (its dates, its device report) before sending anything again.</li>
 * <li><b>Reads and cancel (GET, DELETE)</b> and the token request: any transient failure (connection
 * failure, timeout, reset, 408, 429, 5xx) is retried.</li>
 * <li><b>Login</b>: like the schedule call, and a refused login (any 4xx but 429) is never repeated and
 * is remembered: the vendor locks the user after five failed logins, so later calls fail at once with
 * the same {@link io.github.campaignbatch.thingspace.AuthenticationFailedException} until the client
 * is recreated. A refused token request is remembered the same way.</li>
 * </ul>
 *
 * <h2>Credentials under concurrency</h2>
 * All threads of one client (the submit step runs {@code thingspace.max-in-flight} of them) share one
 * bearer token ({@code AccessTokens}) and one M2M session ({@code SessionTokens}), each renewed by exactly
 * one thread while the others wait on the same lock and then use its result:
 * <ul>
 * <li>A token near its expiry ({@code expires_in} minus {@code token-refresh-margin}) is fetched once. A
 * 401 on a FOTA call (token expired early or revoked) makes the thread forget <i>that</i> token only if it
 * is still the current one: threads that were refused the same old token find the new one and fetch none.</li>
 * <li>A session-expired answer ({@code SessionToken.Expired}/{@code .Invalid}) leads to one login the same
 * way. A 401 on the login itself comes from the API gateway refusing the token, before the login service sees
 * the credentials, so the token is renewed once and the login sent once more; it counts as no failed login.</li>
 * <li>A refused token request or login is remembered: every thread, now and later, fails at once with the
 * same one-line {@link io.github.campaignbatch.thingspace.AuthenticationFailedException} (no secret in it) and
 * nothing is sent again until the client is recreated with corrected settings.</li>
 * <li>An answer carrying {@code Retry-After} (a 429, or a 408/5xx that says when to come back) pauses every
 * thread of the client until then ({@code ServerPause}), capped at {@code retry.max-backoff}: no request
 * leaves during the pause, and the waiting ones leave afterwards spaced by the rate limiter.</li>
 * </ul>
 * Each renewal happens at most once per call, so a refusal that a fresh token or session does not cure
 * ends the call as an authentication failure instead of a loop. A 401 on the schedule POST is safe to
 * send again after renewal: the gateway refused it before the FOTA service saw it, so nothing was created.
 *
 * <h2>How retries wait</h2>
 * The loop is Spring Framework's {@link org.springframework.core.retry.RetryTemplate}: its policy's
 * predicate chooses what is retried, a zero-interval {@link org.springframework.util.backoff.FixedBackOff}
 * bounds the attempts to {@code thingspace.retry.max-attempts} (first attempt included). The wait before
 * each retry goes through the injectable {@link io.github.campaignbatch.thingspace.Sleeper}:
 * <ul>
 * <li>the server's {@code Retry-After} (delay-seconds or HTTP-date, read with the injected clock),
 * exactly, when it sent one: waited out in the transport's shared pause with every other thread;</li>
 * <li>otherwise exponential backoff, in the template's {@code beforeRetry} listener, for this thread alone:
 * before retry n the ceiling is {@code initial-backoff * 2^(n-1)} capped at {@code max-backoff}, and the
 * wait is uniform in the upper half of the ceiling (jitter).</li>
 * </ul>
 * A {@code Retry-After} longer than {@code max-backoff} stops the retries at once with a
 * {@link io.github.campaignbatch.thingspace.ThingSpaceUnavailableException} carrying that wait, rather
 * than holding a worker thread for minutes.
 *
 * <h2>Rate limiting</h2>
 * Every HTTP request (token, login, FOTA calls, retries) first takes one of
 * {@code thingspace.max-in-flight} slots of a fair semaphore, waits out any server pause, then a permit of one
 * {@link io.github.campaignbatch.thingspace.RateLimiter} shared by all threads of the client, which
 * spaces permits evenly at {@code thingspace.max-requests-per-second} without bursts. The vendor
 * publishes no limit ("negotiated per contract"): the defaults (5/s, 4 in flight) are a guess to adjust.
 * Several device reports wanted at once ({@code deviceStatuses(account, ids)}, the reconciler's after a history
 * read) are read side by side by up to {@code thingspace.max-in-flight} short-lived threads, each request
 * still within the same slots and permits: one after another, each would also wait for the previous round trip.
 * A campaign history's statuses are always read one after another, in the order given (see
 * {@code campaignHistory(account, statuses)}).
 *
 * <h2>Transport</h2>
 * Spring {@code RestClient} over the JDK {@code HttpClient}, HTTP/1.1, redirects never followed, TLS
 * certificates always verified (there is no switch to turn that off). One JDK client serves the whole
 * process ({@code SharedHttpClients}): a {@code schedule} service makes a new {@code ThingSpaceClient} in
 * the application context of every busy tick, and a JDK client per tick would leave a selector thread, its
 * file descriptors and its connection pool behind each time (Java 17 cannot close one); they are released
 * when the process exits. Plain {@code http://} is accepted
 * only for loopback hosts (the simulator, tests). {@code read-timeout} covers the whole exchange from the
 * moment the request is handed to the JDK client, so keep it longer than {@code connect-timeout}.
 *
 * <h2>Types at the edge</h2>
 * The request and answer records mirror the vendor's JSON, except the time windows: they are the job's own
 * {@link io.github.campaignbatch.campaign.TimeWindow}, written and read under the vendor's
 * {@code startTime}/{@code endTime} names by {@code ThingSpaceJson}; a window the vendor answers out of range
 * reads as {@code null} rather than failing a whole history page. The simulator keeps its own server-side
 * types ({@code HourWindow}, {@code UploadedFile}, {@code IssuedAccessTokens}) so that it shares no code with
 * the client it tests.
 *
 * <h2>Secrets</h2>
 * Logger {@code io.github.campaignbatch.thingspace.http} shows each exchange at DEBUG (method, path,
 * status, duration, headers and a body excerpt) with credentials masked by
 * {@link io.github.campaignbatch.thingspace.SecretMasker} and by the client's own knowledge of its
 * secret values; no exception message or {@code toString()} contains a credential or token.
 */
package io.github.campaignbatch.thingspace;
