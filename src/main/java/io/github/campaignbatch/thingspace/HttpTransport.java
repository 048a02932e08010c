package io.github.campaignbatch.thingspace;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;

import javax.net.ssl.SSLHandshakeException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends one HTTP request and reads the whole answer, whatever its status: it takes a rate-limiter permit
 * and an in-flight slot for every request, logs it with secrets masked, and reports a failure to get an
 * answer as a {@link TransientFailure} that says whether the request can have reached the server.
 * <p>
 * Deciding what a status means is left to the caller: {@code exchange} bypasses RestClient's status
 * handlers, so no 4xx or 5xx turns into a generic exception on the way.
 */
final class HttpTransport {

	/** Logger of the HTTP exchanges, at DEBUG. */
	static final String LOGGER_NAME = "io.github.campaignbatch.thingspace.http";

	private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

	private static final int LOGGED_BODY_LENGTH = 500;

	private final RestClient restClient;
	private final RateLimiter rateLimiter;
	private final Semaphore inFlight;
	private final KnownSecrets secrets;
	private final ServerPause serverPause;
	private final Clock clock;

	/**
	 * @param serverPause shared by every thread of the client: a {@code Retry-After} answer pauses them all
	 * @param clock reads {@code Retry-After} dates
	 */
	HttpTransport(Duration connectTimeout, Duration readTimeout, RateLimiter rateLimiter, int maxInFlight,
			KnownSecrets secrets, ServerPause serverPause, Clock clock) {
		// one JDK client for the whole process, however many transports come and go (see SharedHttpClients)
		HttpClient httpClient = SharedHttpClients.withConnectTimeout(connectTimeout);
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(readTimeout);
		this.restClient = RestClient.builder().requestFactory(requestFactory).build();
		this.rateLimiter = rateLimiter;
		this.inFlight = new Semaphore(maxInFlight, true);
		this.secrets = secrets;
		this.serverPause = serverPause;
		this.clock = clock;
	}

	/**
	 * @param body the request body, or {@code null} for none
	 * @throws TransientFailure when no complete answer came back
	 * @throws ThingSpaceUnavailableException when interrupted before the request was sent
	 */
	HttpAnswer exchange(HttpMethod method, URI uri, Map<String, String> headers, MediaType contentType, byte[] body) {
		String target = method.name() + " " + pathOf(uri);
		acquirePermits(target);
		long started = System.nanoTime();
		try {
			if (log.isDebugEnabled()) {
				log.debug("{} sending headers={}{}", target, SecretMasker.maskHeaders(headers),
						body == null ? "" : " body=" + this.secrets.excerpt(new String(body, StandardCharsets.UTF_8),
								LOGGED_BODY_LENGTH));
			}
			RestClient.RequestBodySpec request = this.restClient.method(method)
					.uri(uri)
					.accept(MediaType.APPLICATION_JSON)
					.headers(h -> headers.forEach(h::set));
			if (body != null) {
				request.contentType(contentType).body(body);
			}
			HttpAnswer answer = request.exchange((req, res) -> new HttpAnswer(res.getStatusCode().value(),
					res.getHeaders().getFirst("Retry-After"), res.getBody().readAllBytes(), this.secrets), true);
			if (log.isDebugEnabled()) {
				log.debug("{} -> {} in {} ms body={}", target, answer.status(), millisSince(started),
						this.secrets.excerpt(answer.bodyText(), LOGGED_BODY_LENGTH));
			}
			pauseIfAsked(target, answer);
			return answer;
		}
		catch (ResourceAccessException ex) {
			boolean notSent = neverConnected(ex);
			String problem = describe(ex);
			log.debug("{} failed after {} ms ({}): {}", target, millisSince(started),
					notSent ? "not sent" : "may have been received", problem);
			throw new TransientFailure(target + " got no answer: " + problem, notSent, null, ex);
		}
		finally {
			this.inFlight.release();
		}
	}

	/**
	 * An in-flight slot, then the end of any pause the server asked for, then a rate-limiter slot. A pause
	 * that began while this thread waited for its rate slot is waited out too, and a new slot taken after it:
	 * no request leaves during a pause, and those that waited leave evenly spaced afterwards.
	 */
	private void acquirePermits(String target) {
		try {
			this.inFlight.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ThingSpaceUnavailableException("Interrupted before sending " + target, null, ex);
		}
		try {
			do {
				this.serverPause.awaitOver();
				this.rateLimiter.acquire();
			}
			while (!this.serverPause.isOver());
		}
		catch (InterruptedException ex) {
			this.inFlight.release();
			Thread.currentThread().interrupt();
			throw new ThingSpaceUnavailableException("Interrupted before sending " + target, null, ex);
		}
		catch (RuntimeException notSent) {
			// The wait ended without sending (the process is stopping, see Sleeper): the slot is free again.
			this.inFlight.release();
			throw notSent;
		}
	}

	/** A transient answer that says when to come back pauses every thread of the client until then. */
	private void pauseIfAsked(String target, HttpAnswer answer) {
		int status = answer.status();
		if (status != 429 && status != 408 && status < 500) {
			return;
		}
		Duration wait = RetryAfter.parse(answer.retryAfter(), this.clock);
		if (wait != null && !wait.isZero() && !wait.isNegative()) {
			this.serverPause.pauseFor(target, wait);
		}
	}

	/**
	 * True only when the failure happened while opening the connection, before any byte of the request
	 * could be written: then the server cannot have acted on it. Everything else (timeouts while waiting
	 * for the answer, resets, truncated answers) may have been processed.
	 */
	static boolean neverConnected(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
					|| t instanceof UnknownHostException || t instanceof NoRouteToHostException
					|| t instanceof UnresolvedAddressException || t instanceof SSLHandshakeException) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	/**
	 * The I/O failure under Spring's wrapper and its root cause, by class and message: these messages
	 * name hosts and ports, never credentials, and are masked anyway.
	 */
	private String describe(ResourceAccessException failure) {
		Throwable io = failure.getCause() != null ? failure.getCause() : failure;
		Throwable root = io;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root == io ? describeOne(io) : describeOne(io) + " (" + describeOne(root) + ")";
	}

	private String describeOne(Throwable failure) {
		String message = failure.getMessage();
		String name = failure.getClass().getSimpleName();
		return message == null || message.isBlank() ? name : name + ": " + this.secrets.scrub(SecretMasker.maskText(message));
	}

	static String pathOf(URI uri) {
		String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
	}

	private static long millisSince(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
	}
}
