package io.github.campaignbatch.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth Bearer tokens handed out by the token endpoint, each valid for an hour from issue, as the vendor's are.
 */
final class AccessTokens {

	static final long LIFETIME_SECONDS = 3600;

	/** Past this many live entries, expired ones are swept on the next issue. */
	private static final int SWEEP_THRESHOLD = 10_000;

	private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();
	private final Clock clock;

	AccessTokens(Clock clock) {
		this.clock = clock;
	}

	String issue() {
		Instant now = this.clock.instant();
		if (this.expiryByToken.size() > SWEEP_THRESHOLD) {
			this.expiryByToken.values().removeIf(expiry -> !now.isBefore(expiry));
		}
		String token = RandomTokens.next();
		this.expiryByToken.put(token, now.plusSeconds(LIFETIME_SECONDS));
		return token;
	}

	boolean isValid(String token) {
		Instant expiry = this.expiryByToken.get(token);
		return expiry != null && this.clock.instant().isBefore(expiry);
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
