package io.github.campaignbatch.thingspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Connection settings for the ThingSpace API, bound from {@code thingspace.*} properties or, by relaxed
 * binding, from environment variables such as {@code THINGSPACE_CLIENT_ID}.
 * <p>
 * A record like the other settings classes, bound through its constructor. A component left out (null) takes
 * its default in the compact constructor rather than in {@code @DefaultValue}s, so that Spring and plain Java
 * callers (the tests, which build one per case) share the one place where the defaults are stated. The two
 * limits are boxed for that reason: an unset {@code int} would arrive as 0, which must stay an error (see
 * {@link #validate()}) instead of turning into the default. {@link #toString()} never shows a secret.
 *
 * @param baseUrl the API's root, https (or http to a loopback host); default {@value #DEFAULT_BASE_URL}
 * @param clientId the OAuth client id ({@value #ENV_CLIENT_ID}), no default
 * @param clientSecret the OAuth client secret ({@value #ENV_CLIENT_SECRET}), no default
 * @param username the account user for the session login ({@value #ENV_USERNAME}), no default
 * @param password the account user's password ({@value #ENV_PASSWORD}), no default
 * @param connectTimeout default 5 s
 * @param readTimeout default 30 s
 * @param maxRequestsPerSecond the client's rate limit, default 5
 * @param maxInFlight concurrent requests at most, default 4
 * @param retry how calls are retried
 * @param tokenRefreshMargin how long before its expiry a token is renewed, default 60 s
 * @param timeZone the zone the vendor reads campaign dates and hour windows in, default {@code UTC}: the vendor's
 * campaign-timing pages give every time in UTC, and publish no setting; see {@link #apiTimeZone()}
 */
@ConfigurationProperties("thingspace")
public record ThingSpaceProperties(String baseUrl, String clientId, String clientSecret, String username,
		String password, Duration connectTimeout, Duration readTimeout, Double maxRequestsPerSecond,
		Integer maxInFlight, Retry retry, Duration tokenRefreshMargin, String timeZone) {

	/** Environment variable carrying {@link #baseUrl()}. */
	public static final String ENV_BASE_URL = "THINGSPACE_BASE_URL";
	/** Environment variable carrying {@link #clientId()}. */
	public static final String ENV_CLIENT_ID = "THINGSPACE_CLIENT_ID";
	/** Environment variable carrying {@link #clientSecret()}. */
	public static final String ENV_CLIENT_SECRET = "THINGSPACE_CLIENT_SECRET";
	/** Environment variable carrying {@link #username()}. */
	public static final String ENV_USERNAME = "THINGSPACE_USERNAME";
	/** Environment variable carrying {@link #password()}. */
	public static final String ENV_PASSWORD = "THINGSPACE_PASSWORD";

	static final String DEFAULT_BASE_URL = "https://thingspace.verizon.com";

	/** Fills in the defaults of the components left out; checks nothing (see {@link #validate()}). */
	public ThingSpaceProperties {
		baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
		readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
		maxRequestsPerSecond = maxRequestsPerSecond == null ? 5.0 : maxRequestsPerSecond;
		maxInFlight = maxInFlight == null ? 4 : maxInFlight;
		retry = retry == null ? new Retry(null, null, null) : retry;
		tokenRefreshMargin = tokenRefreshMargin == null ? Duration.ofSeconds(60) : tokenRefreshMargin;
		timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip();
	}

	/**
	 * {@link #timeZone()} as a zone.
	 * @throws IllegalArgumentException naming the setting when it is not a time zone
	 */
	public ZoneId apiTimeZone() {
		try {
			return ZoneId.of(this.timeZone);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("thingspace.time-zone '" + this.timeZone + "' is not a time zone: use an"
					+ " IANA name such as UTC or America/New_York (THINGSPACE_TIME_ZONE)");
		}
	}

	/**
	 * The names of the credential environment variables whose value is missing or blank, in a stable
	 * order; empty when every credential is present.
	 */
	public List<String> missingCredentials() {
		List<String> missing = new ArrayList<>();
		addIfBlank(missing, ENV_CLIENT_ID, this.clientId);
		addIfBlank(missing, ENV_CLIENT_SECRET, this.clientSecret);
		addIfBlank(missing, ENV_USERNAME, this.username);
		addIfBlank(missing, ENV_PASSWORD, this.password);
		return List.copyOf(missing);
	}

	private static void addIfBlank(List<String> missing, String name, String value) {
		if (value == null || value.isBlank()) {
			missing.add(name);
		}
	}

	/**
	 * Checks the base URL and the limits, and returns the base URL (without a trailing slash).
	 * <p>
	 * Plain {@code http://} is refused unless the host is a loopback address (the bundled simulator, a
	 * test server): the bearer token, the session token and the password would otherwise cross the
	 * network in clear. There is deliberately no switch to relax this, nor to disable TLS verification.
	 * @throws IllegalArgumentException with a message fit for the operator
	 */
	public URI validate() {
		URI uri = parseBaseUrl();
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("http") && !isLoopback(uri.getHost())) {
			throw new IllegalArgumentException("ThingSpace base URL " + uri + " uses plain http:// to a non-loopback host;"
					+ " credentials would travel unencrypted. Use https:// (set " + ENV_BASE_URL
					+ "); http:// is accepted only for 127.x.x.x, localhost and ::1.");
		}
		requirePositive(this.maxRequestsPerSecond, "thingspace.max-requests-per-second");
		requirePositive(this.maxInFlight, "thingspace.max-in-flight");
		requirePositive(this.retry.maxAttempts(), "thingspace.retry.max-attempts");
		requirePositive(this.connectTimeout, "thingspace.connect-timeout");
		requirePositive(this.readTimeout, "thingspace.read-timeout");
		if (this.retry.initialBackoff().isNegative() || this.retry.maxBackoff().isNegative()
				|| this.tokenRefreshMargin.isNegative()) {
			throw new IllegalArgumentException("thingspace.retry.initial-backoff, thingspace.retry.max-backoff"
					+ " and thingspace.token-refresh-margin must be zero or positive durations");
		}
		return uri;
	}

	private URI parseBaseUrl() {
		if (this.baseUrl.isBlank()) {
			throw new IllegalArgumentException("ThingSpace base URL is empty; set " + ENV_BASE_URL
					+ " or leave it unset for https://thingspace.verizon.com");
		}
		String trimmed = this.baseUrl.strip();
		try {
			URI uri = new URI(trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
				throw new IllegalArgumentException("ThingSpace base URL '" + trimmed
						+ "' is not an absolute https:// URL; check " + ENV_BASE_URL);
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("ThingSpace base URL '" + trimmed + "' is not a valid URL; check "
					+ ENV_BASE_URL, ex);
		}
	}

	static boolean isLoopback(String host) {
		if (host == null) {
			return false;
		}
		String h = host.toLowerCase(Locale.ROOT);
		if (h.startsWith("[") && h.endsWith("]")) {
			h = h.substring(1, h.length() - 1);
		}
		return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
				|| h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

	private static void requirePositive(double value, String name) {
		if (!(value > 0)) {
			throw new IllegalArgumentException(name + " must be greater than zero, was " + value);
		}
	}

	private static void requirePositive(Duration value, String name) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
		}
	}

	@Override
	public String toString() {
		return "ThingSpaceProperties[baseUrl=" + this.baseUrl
				+ ", clientId=" + SecretMasker.mask(this.clientId)
				+ ", clientSecret=" + SecretMasker.mask(this.clientSecret)
				+ ", username=" + SecretMasker.mask(this.username)
				+ ", password=" + SecretMasker.mask(this.password)
				+ ", connectTimeout=" + this.connectTimeout
				+ ", readTimeout=" + this.readTimeout
				+ ", maxRequestsPerSecond=" + this.maxRequestsPerSecond
				+ ", maxInFlight=" + this.maxInFlight
				+ ", retry=" + this.retry
				+ ", tokenRefreshMargin=" + this.tokenRefreshMargin + "]";
	}

	/**
	 * How idempotent calls (and calls the server certainly did not process) are retried.
	 *
	 * @param maxAttempts total attempts including the first one, default 5
	 * @param initialBackoff the first pause, doubled at each retry; default 500 ms
	 * @param maxBackoff caps the exponential backoff; a longer Retry-After ends the retries instead of blocking;
	 * default 30 s
	 */
	public record Retry(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff) {

		/** Fills in the defaults of the components left out. */
		public Retry {
			maxAttempts = maxAttempts == null ? 5 : maxAttempts;
			initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
			maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
		}
	}
}
