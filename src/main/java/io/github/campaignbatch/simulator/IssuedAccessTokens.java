package io.github.campaignbatch.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server side of OAuth: the Bearer tokens the token endpoint handed out, each valid for {@code lifetime}
 * from issue (an hour, as the vendor's, unless the simulator was told otherwise). Not to be confused with the
 * client's cache of the one token it holds ({@code thingspace.AccessTokens}).
 */
final class IssuedAccessTokens {

	/** Past this many live entries, expired ones are swept on the next issue. */
	private static final int SWEEP_THRESHOLD = 10_000;

	private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();
	private final Clock clock;
	private final Duration lifetime;

	IssuedAccessTokens(Clock clock, Duration lifetime) {
		this.clock = clock;
		this.lifetime = lifetime;
	}

	String issue() {
		Instant now = this.clock.instant();
		if (this.expiryByToken.size() > SWEEP_THRESHOLD) {
			this.expiryByToken.values().removeIf(expiry -> !now.isBefore(expiry));
		}
		String token = RandomTokens.next();
		this.expiryByToken.put(token, now.plus(this.lifetime));
		return token;
	}

	/** The {@code expires_in} of a token issued now. */
	long lifetimeSeconds() {
		return this.lifetime.toSeconds();
	}

	boolean isValid(String token) {
		Instant expiry = this.expiryByToken.get(token);
		return expiry != null && this.clock.instant().isBefore(expiry);
	}

	/** Revokes every token issued so far, as an administrator rotating the client's credentials would. */
	void revokeAll() {
		this.expiryByToken.clear();
	}

	/** Unguessable token text; tokens need not be repeatable, unlike injected failures. */
	static final class RandomTokens {

		private static final SecureRandom RANDOM = new SecureRandom();

		private RandomTokens() {
		}

		static String next() {
			byte[] bytes = new byte[24];
			RANDOM.nextBytes(bytes);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
	}
}
