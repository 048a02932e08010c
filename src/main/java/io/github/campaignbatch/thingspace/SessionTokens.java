package io.github.campaignbatch.thingspace;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import tools.jackson.core.JacksonException;

/**
 * The M2M session token sent as {@code VZ-M2M-Token}, shared by all threads. It has no announced
 * lifetime we could trust (it lapses after 20 idle minutes), so it is kept until a call answers that the
 * session expired and then renewed by one thread while the others wait.
 * <p>
 * A login is sent again only when the vendor certainly did not process the previous one (refused
 * connection, 429, or a 401 from the API gateway for the Bearer token, after which the token is renewed
 * once): five failed logins in a row lock the user. A refused login is remembered and every later call, on
 * every thread, fails the same way without another attempt.
 */
final class SessionTokens {

	static final String PATH = "/api/m2m/v1/session/login";

	private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

	private final URI loginUri;
	private final byte[] credentials;
	private final AccessTokens accessTokens;
	private final Clock clock;
	private final HttpTransport transport;
	private final Retrier retrier;
	private final KnownSecrets secrets;
	private final Object lock = new Object();

	private volatile String current;
	private volatile AuthenticationFailedException refusal;

	SessionTokens(URI baseUrl, ThingSpaceProperties properties, AccessTokens accessTokens, Clock clock,
			HttpTransport transport, Retrier retrier, KnownSecrets secrets) {
		this.loginUri = URI.create(baseUrl + PATH);
		this.credentials = ThingSpaceJson.write(
				new AuthMessages.SessionLoginRequest(properties.username(), properties.password()));
		this.accessTokens = accessTokens;
		this.clock = clock;
		this.transport = transport;
		this.retrier = retrier;
		this.secrets = secrets;
	}

	/** The current session token, logging in first if there is none. */
	String current() {
		String session = this.current;
		if (session != null) {
			return session;
		}
		synchronized (this.lock) {
			if (this.current == null) {
				this.current = login();
			}
			return this.current;
		}
	}

	/** Forgets {@code rejected} if it is still the current session; one logged in meanwhile is kept. */
	void invalidate(String rejected) {
		synchronized (this.lock) {
			if (rejected.equals(this.current)) {
				this.current = null;
			}
		}
	}

	private String login() {
		if (this.refusal != null) {
			throw new AuthenticationFailedException(this.refusal);
		}
		String target = "POST " + PATH;
		return this.retrier.runOnlyIfNotProcessed(target,
				failure -> new ThingSpaceUnavailableException(target + " got no clear answer, not repeated to"
						+ " protect the user from a lockout: " + failure.getMessage(), null, failure),
				() -> {
					boolean tokenRenewed = false;
					while (true) {
						String bearer = this.accessTokens.current();
						HttpAnswer answer = this.transport.exchange(HttpMethod.POST, this.loginUri,
								Map.of("Authorization", "Bearer " + bearer), MediaType.APPLICATION_JSON, this.credentials);
						if (answer.isSuccess()) {
							return read(target, answer);
						}
						TransientFailure failure = TransientFailure.forStatus(target, answer, this.clock);
						if (failure != null) {
							throw failure;
						}
						if (answer.status() == 401 && !tokenRenewed) {
							// The API gateway refuses an expired or revoked Bearer token with a 401 before the
							// login service sees the credentials, so this was no failed login: renew the token once.
							tokenRenewed = true;
							log.info("{}: the OAuth2 token was refused; fetching a new one", target);
							this.accessTokens.invalidate(bearer);
							continue;
						}
						throw refused(target, answer);
					}
				});
	}

	/** Remembers the refusal: called under the lock, so threads queued for a login see it and send none. */
	private AuthenticationFailedException refused(String target, HttpAnswer answer) {
		this.refusal = new AuthenticationFailedException(AuthenticationFailedException.Step.SESSION_LOGIN,
				"ThingSpace refused the M2M session login: " + target + " answered HTTP " + answer.status()
						+ describe(answer) + ". Not retried: five failed logins in a row lock the user.",
				List.of(ThingSpaceProperties.ENV_USERNAME, ThingSpaceProperties.ENV_PASSWORD));
		return this.refusal;
	}

	private String read(String target, HttpAnswer answer) {
		AuthMessages.SessionLoginResponse response;
		try {
			response = ThingSpaceJson.read(answer.body(), AuthMessages.SessionLoginResponse.class);
		}
		catch (JacksonException ex) {
			// the parser's message may quote the token: keep it out of the chain
			response = null;
		}
		String session = response == null ? null : response.sessionToken();
		if (session == null || session.isBlank()) {
			throw new ThingSpaceUnavailableException(target + " answered HTTP " + answer.status()
					+ " without a readable sessionToken");
		}
		this.secrets.add(session);
		log.debug("Logged in to a new M2M session");
		return session;
	}

	private static String describe(HttpAnswer answer) {
		String excerpt = answer.bodyExcerpt();
		return excerpt.isEmpty() ? "" : " (" + excerpt + ")";
	}
}
