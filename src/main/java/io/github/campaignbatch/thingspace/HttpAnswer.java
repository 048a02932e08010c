package io.github.campaignbatch.thingspace;

import java.nio.charset.StandardCharsets;

/**
 * What came back from one HTTP exchange, read completely, before the client decides what it means.
 *
 * @param retryAfter the raw {@code Retry-After} header, or {@code null}
 * @param secrets to scrub from anything taken from the body into a message
 */
record HttpAnswer(int status, String retryAfter, byte[] body, KnownSecrets secrets) {

	boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

	String bodyText() {
		return this.body == null ? "" : new String(this.body, StandardCharsets.UTF_8);
	}

	/** A short, masked, single-line view of the body for messages and logs. */
	String bodyExcerpt() {
		return this.secrets.excerpt(bodyText(), 200);
	}

	/** A value taken from the body (a vendor error message) with any secret of ours scrubbed. */
	String scrub(String value) {
		return this.secrets.scrub(value);
	}
}
