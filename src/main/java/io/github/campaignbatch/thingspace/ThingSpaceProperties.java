package io.github.campaignbatch.thingspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Connection settings for the ThingSpace API, bound from {@code thingspace.*} properties or, by relaxed
 * binding, from environment variables such as {@code THINGSPACE_CLIENT_ID}.
 * <p>
 * A plain mutable bean so it is as easy to fill in a test as from Spring; {@link ThingSpaceClient} copies
 * the values it needs when it is created. {@link #toString()} never shows a secret.
 */
@ConfigurationProperties("thingspace")
public class ThingSpaceProperties {

	/** Environment variable carrying {@link #getBaseUrl()}. */
	public static final String ENV_BASE_URL = "THINGSPACE_BASE_URL";
	/** Environment variable carrying {@link #getClientId()}. */
	public static final String ENV_CLIENT_ID = "THINGSPACE_CLIENT_ID";
	/** Environment variable carrying {@link #getClientSecret()}. */
	public static final String ENV_CLIENT_SECRET = "THINGSPACE_CLIENT_SECRET";
	/** Environment variable carrying {@link #getUsername()}. */
	public static final String ENV_USERNAME = "THINGSPACE_USERNAME";
	/** Environment variable carrying {@link #getPassword()}. */
	public static final String ENV_PASSWORD = "THINGSPACE_PASSWORD";

	private String baseUrl = "https://thingspace.verizon.com";
	private String clientId;
	private String clientSecret;
	private String username;
	private String password;
	private Duration connectTimeout = Duration.ofSeconds(5);
	private Duration readTimeout = Duration.ofSeconds(30);
	private double maxRequestsPerSecond = 5;
	private int maxInFlight = 4;
	private final Retry retry = new Retry();
	private Duration tokenRefreshMargin = Duration.ofSeconds(60);

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
		requirePositive(this.retry.maxAttempts, "thingspace.retry.max-attempts");
		requirePositive(this.connectTimeout, "thingspace.connect-timeout");
		requirePositive(this.readTimeout, "thingspace.read-timeout");
		if (this.retry.initialBackoff == null || this.retry.initialBackoff.isNegative()
				|| this.retry.maxBackoff == null || this.retry.maxBackoff.isNegative()
				|| this.tokenRefreshMargin == null || this.tokenRefreshMargin.isNegative()) {
			throw new IllegalArgumentException("thingspace.retry.initial-backoff, thingspace.retry.max-backoff"
					+ " and thingspace.token-refresh-margin must be zero or positive durations");
		}
		return uri;
	}

	private URI parseBaseUrl() {
		if (this.baseUrl == null || this.baseUrl.isBlank()) {
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

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String getClientId() {
		return this.clientId;
	}

	public void setClientId(String clientId) {
		this.clientId = clientId;
	}

	public String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public double getMaxRequestsPerSecond() {
		return this.maxRequestsPerSecond;
	}

	public void setMaxRequestsPerSecond(double maxRequestsPerSecond) {
		this.maxRequestsPerSecond = maxRequestsPerSecond;
	}

	public int getMaxInFlight() {
		return this.maxInFlight;
	}

	public void setMaxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Duration getTokenRefreshMargin() {
		return this.tokenRefreshMargin;
	}

	public void setTokenRefreshMargin(Duration tokenRefreshMargin) {
		this.tokenRefreshMargin = tokenRefreshMargin;
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
	 */
	public static class Retry {

		/** Total attempts including the first one. */
		private int maxAttempts = 5;
		private Duration initialBackoff = Duration.ofMillis(500);
		/** Caps the exponential backoff; a longer Retry-After ends the retries instead of blocking. */
		private Duration maxBackoff = Duration.ofSeconds(30);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		@Override
		public String toString() {
			return "Retry[maxAttempts=" + this.maxAttempts + ", initialBackoff=" + this.initialBackoff
					+ ", maxBackoff=" + this.maxBackoff + "]";
		}
	}
}
