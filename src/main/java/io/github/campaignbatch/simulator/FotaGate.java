package io.github.campaignbatch.simulator;

import java.time.Duration;

/**
 * What every FOTA call goes through before and after its endpoint: the rate limit, the Bearer and session
 * checks, and the injected failures. Authentication calls bypass it, so the demo can always log in.
 */
final class FotaGate {

	/** What every 429 asks the client to wait. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final TokenBucket rateLimit;
	private final Authenticator authenticator;
	private final FaultInjector faults;
	private final SimulatorCounters counters;

	/** @param rateLimit {@code null} for no rate limit */
	FotaGate(TokenBucket rateLimit, Authenticator authenticator, FaultInjector faults, SimulatorCounters counters) {
		this.rateLimit = rateLimit;
		this.authenticator = authenticator;
		this.faults = faults;
		this.counters = counters;
	}

	ApiResponse pass(SimRequest request, Route.Endpoint endpoint) {
		this.counters.fotaArrivals.add(System.nanoTime());
		if (this.rateLimit != null && !this.rateLimit.tryAcquire()) {
			this.counters.tooManyRequests.incrementAndGet();
			this.counters.tooManyRequestsSent.add(System.nanoTime());
			return ApiResponse.error(429, "RateLimitExceeded", "Too many requests; retry after 1 second")
					.withHeader("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
		}
		this.authenticator.requireBearer(request);
		this.authenticator.requireSession(request);
		Fault fault = this.faults.next();
		if (fault == Fault.ERROR_BEFORE_PROCESSING) {
			return ApiResponse.internalError();
		}
		ApiResponse response;
		try {
			response = endpoint.handle(request);
		}
		catch (ApiException rejected) {
			response = rejected.response();
		}
		return switch (fault) {
			case ERROR_AFTER_PROCESSING -> ApiResponse.internalError();
			case DROP_AFTER_PROCESSING -> throw new ConnectionDrop();
			default -> response;
		};
	}
}
