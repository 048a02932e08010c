package io.github.campaignbatch.thingspace;

import java.time.Duration;

/**
 * Builds a {@link ThingSpaceProperties} in a test, one setting at a time: the tests change one or two settings of
 * a base they share (a fake server's URL and credentials), which the record's eleven-argument constructor would
 * make hard to read. What is left unset takes the record's default.
 */
public final class ThingSpacePropertiesBuilder {

	private String baseUrl;
	private String clientId;
	private String clientSecret;
	private String username;
	private String password;
	private Duration connectTimeout;
	private Duration readTimeout;
	private Double maxRequestsPerSecond;
	private Integer maxInFlight;
	private Integer maxAttempts;
	private Duration initialBackoff;
	private Duration maxBackoff;
	private Duration tokenRefreshMargin;

	public ThingSpacePropertiesBuilder baseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
		return this;
	}

	public ThingSpacePropertiesBuilder clientId(String clientId) {
		this.clientId = clientId;
		return this;
	}

	public ThingSpacePropertiesBuilder clientSecret(String clientSecret) {
		this.clientSecret = clientSecret;
		return this;
	}

	public ThingSpacePropertiesBuilder username(String username) {
		this.username = username;
		return this;
	}

	public ThingSpacePropertiesBuilder password(String password) {
		this.password = password;
		return this;
	}

	public ThingSpacePropertiesBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
		return this;
	}

	public ThingSpacePropertiesBuilder readTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
		return this;
	}

	public ThingSpacePropertiesBuilder maxRequestsPerSecond(double maxRequestsPerSecond) {
		this.maxRequestsPerSecond = maxRequestsPerSecond;
		return this;
	}

	public ThingSpacePropertiesBuilder maxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
		return this;
	}

	public ThingSpacePropertiesBuilder maxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
		return this;
	}

	public ThingSpacePropertiesBuilder initialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
		return this;
	}

	public ThingSpacePropertiesBuilder maxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
		return this;
	}

	public ThingSpacePropertiesBuilder tokenRefreshMargin(Duration tokenRefreshMargin) {
		this.tokenRefreshMargin = tokenRefreshMargin;
		return this;
	}

	public ThingSpaceProperties build() {
		return new ThingSpaceProperties(this.baseUrl, this.clientId, this.clientSecret, this.username, this.password,
				this.connectTimeout, this.readTimeout, this.maxRequestsPerSecond, this.maxInFlight,
				new ThingSpaceProperties.Retry(this.maxAttempts, this.initialBackoff, this.maxBackoff),
				this.tokenRefreshMargin, null);
	}
}
