package io.github.campaignbatch.thingspace;

import java.nio.charset.StandardCharsets;

/**
 * What came back from one HTTP exchange, read completely, before the client decides what it means.
 *
 * @param retryAfter the raw {@code Retry-After} header, or {@code null}
 */
record HttpAnswer(int status, String retryAfter, byte[] body) {

	boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

	String bodyText() {
		return this.body == null ? "" : new String(this.body, StandardCharsets.UTF_8);
	}

	/** A short, masked, single-line view of the body for messages and logs. */
	String bodyExcerpt() {
		return SecretMasker.excerpt(bodyText(), 200);
	}
}
