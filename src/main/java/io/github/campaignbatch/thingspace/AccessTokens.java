package io.github.campaignbatch.thingspace;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import tools.jackson.core.JacksonException;

/**
 * The OAuth2 bearer token, fetched with the client credentials and shared by all threads until
 * {@code expires_in - tokenRefreshMargin}. Threads that find it stale queue on one lock, so one of them
 * fetches and the others use its result.
 * <p>
 * A refusal of the credentials is remembered: every later call fails the same way without asking the
 * vendor again, until the client is recreated with corrected settings.
 */
final class AccessTokens {

	static final String PATH = "/api/ts/v1/oauth2/token";

	private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

	private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

	private static final byte[] FORM = "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII);

	private final URI tokenUri;
	private final String basicCredentials;
	private final List<String> missingCredentials;
	private final Duration refreshMargin;
	private final Clock clock;
	private final HttpTransport transport;
	private final Retrier retrier;
	private final KnownSecrets secrets;
	private final Object lock = new Object();

	private volatile Token current;
	private volatile AuthenticationFailedException refusal;

	AccessTokens(URI baseUrl, ThingSpaceProperties properties, Clock clock, HttpTransport transport, Retrier retrier,
			KnownSecrets secrets) {
		this.tokenUri = URI.create(baseUrl + PATH);
		this.missingCredentials = properties.missingCredentials();
		this.basicCredentials = "Basic " + basicCredential(properties);
		this.refreshMargin = properties.tokenRefreshMargin();
		this.clock = clock;
		this.transport = transport;
		this.retrier = retrier;
		this.secrets = secrets;
	}

	/** {@code base64(clientId:clientSecret)}, the credential of the token request. */
	static String basicCredential(ThingSpaceProperties properties) {
		String pair = properties.clientId() + ":" + properties.clientSecret();
		return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	/** A bearer token valid for at least the refresh margin, fetched if needed. */
	String current() {
		Token token = this.current;
		if (token != null && token.usableAt(this.clock.instant())) {
			return token.value();
		}
		synchronized (this.lock) {
			token = this.current;
			if (token != null && token.usableAt(this.clock.instant())) {
				return token.value();
			}
			this.current = fetch();
			return this.current.value();
		}
	}

	/** Forgets {@code rejected} if it is still the current token; a token fetched meanwhile is kept. */
	void invalidate(String rejected) {
		synchronized (this.lock) {
			Token token = this.current;
			if (token != null && token.value().equals(rejected)) {
				this.current = null;
			}
		}
	}

	private Token fetch() {
		if (this.refusal != null) {
			throw new AuthenticationFailedException(this.refusal);
		}
		if (!this.missingCredentials.isEmpty()) {
			throw new AuthenticationFailedException(AuthenticationFailedException.Step.CONFIGURATION,
					"ThingSpace credentials are not configured.", this.missingCredentials);
		}
		String target = "POST " + PATH;
		return this.retrier.runIdempotent(target, () -> {
			HttpAnswer answer = this.transport.exchange(HttpMethod.POST, this.tokenUri,
					Map.of("Authorization", this.basicCredentials), MediaType.APPLICATION_FORM_URLENCODED, FORM);
			if (answer.isSuccess()) {
				return read(target, answer);
			}
			TransientFailure failure = TransientFailure.forStatus(target, answer, this.clock);
			if (failure != null) {
				throw failure;
			}
			this.refusal = new AuthenticationFailedException(AuthenticationFailedException.Step.ACCESS_TOKEN,
					"ThingSpace refused the OAuth2 client credentials: " + target + " answered HTTP " + answer.status()
							+ describe(answer) + ". Not retried.",
					List.of(ThingSpaceProperties.ENV_CLIENT_ID, ThingSpaceProperties.ENV_CLIENT_SECRET,
							ThingSpaceProperties.ENV_BASE_URL));
			throw this.refusal;
		});
	}

	private Token read(String target, HttpAnswer answer) {
		AuthMessages.AccessTokenResponse response;
		try {
			response = ThingSpaceJson.read(answer.body(), AuthMessages.AccessTokenResponse.class);
		}
		catch (JacksonException ex) {
			// the parser's message may quote the token: keep it out of the chain
			response = null;
		}
		if (response == null || response.accessToken() == null || response.accessToken().isBlank()) {
			throw new ThingSpaceUnavailableException(target + " answered HTTP " + answer.status()
					+ " without a readable access_token");
		}
		Duration lifetime = response.expiresIn() != null && response.expiresIn() > 0
				? Duration.ofSeconds(response.expiresIn()) : DEFAULT_LIFETIME;
		Duration usable = lifetime.minus(this.refreshMargin);
		if (usable.compareTo(lifetime.dividedBy(2)) < 0) {
			// a margin as long as the lifetime would mean a fetch before every call
			usable = lifetime.dividedBy(2);
		}
		this.secrets.add(response.accessToken());
		log.debug("Obtained an OAuth2 token valid for {} s, renewing after {} s", lifetime.toSeconds(), usable.toSeconds());
		return new Token(response.accessToken(), this.clock.instant().plus(usable));
	}

	private static String describe(HttpAnswer answer) {
		try {
			AuthMessages.OAuthError error = ThingSpaceJson.read(answer.body(), AuthMessages.OAuthError.class);
			if (error != null && (error.error() != null || error.errorDescription() != null)) {
				return " (" + answer.scrub(SecretMasker.maskText(error.error() + ": " + error.errorDescription())) + ")";
			}
		}
		catch (JacksonException ex) {
			// not the OAuth error shape: fall through to the excerpt
		}
		String excerpt = answer.bodyExcerpt();
		return excerpt.isEmpty() ? "" : " (" + excerpt + ")";
	}

	private record Token(String value, Instant renewAt) {

		boolean usableAt(Instant now) {
			return now.isBefore(this.renewAt);
		}

		@Override
		public String toString() {
			return "Token[value=" + SecretMasker.mask(this.value) + ", renewAt=" + this.renewAt + "]";
		}
	}

}
