package io.github.campaignbatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * M2M session tokens. A session dies after {@code ttl} without use and every use restarts that countdown,
 * as the vendor documents. Dead sessions are remembered so a late call hears "expired" rather than "invalid".
 */
final class Sessions {

	enum Check { VALID, EXPIRED, UNKNOWN }

	/** Past this many entries, sessions idle for over a day are forgotten on the next login. */
	private static final int SWEEP_THRESHOLD = 10_000;

	private final Map<String, Instant> lastUseByToken = new ConcurrentHashMap<>();
	private final Clock clock;
	private final Duration ttl;

	Sessions(Clock clock, Duration ttl) {
		this.clock = clock;
		this.ttl = ttl;
	}

	String open() {
		Instant now = this.clock.instant();
		if (this.lastUseByToken.size() > SWEEP_THRESHOLD) {
			Instant forgetBefore = now.minus(this.ttl).minus(Duration.ofDays(1));
			this.lastUseByToken.values().removeIf(lastUse -> lastUse.isBefore(forgetBefore));
		}
		String token = IssuedAccessTokens.RandomTokens.next();
		this.lastUseByToken.put(token, now);
		return token;
	}

	/** Checks a session and, when it is alive, counts this as a use. */
	Check use(String token) {
		Check[] outcome = { Check.UNKNOWN };
		this.lastUseByToken.computeIfPresent(token, (key, lastUse) -> {
			Instant now = this.clock.instant();
			if (now.isBefore(lastUse.plus(this.ttl))) {
				outcome[0] = Check.VALID;
				return now;
			}
			outcome[0] = Check.EXPIRED;
			return lastUse;
		});
		return outcome[0];
	}

	/** Makes every open session read as expired, as after a long idle spell. */
	void expireAll() {
		this.lastUseByToken.replaceAll((token, lastUse) -> Instant.EPOCH);
	}

	/** Ends a session; {@code false} when it was not open. */
	boolean close(String token) {
		return use(token) == Check.VALID && this.lastUseByToken.remove(token) != null;
	}
}
