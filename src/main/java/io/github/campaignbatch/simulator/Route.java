package io.github.campaignbatch.simulator;

import java.util.regex.Pattern;

/**
 * One line of the simulator's routing table: a method, a path pattern whose groups are the path parameters,
 * and whether the call is a FOTA call (rate-limited, authenticated with Bearer and session, subject to
 * injected failures) or an authentication call (none of that).
 */
record Route(String method, Pattern path, boolean fota, Runnable onReceived, Endpoint endpoint) {

	/** Answers one request; may throw {@link ApiException} for an early error answer. */
	@FunctionalInterface
	interface Endpoint {
		ApiResponse handle(SimRequest request);
	}

	private static final Runnable NOTHING = () -> {
	};

	/** A path template like {@code /api/fota/v2/campaigns/{acc}/{id}}; each {@code {...}} is one segment. */
	static Route fota(String method, String template, Endpoint endpoint) {
		return new Route(method, compile(template), true, NOTHING, endpoint);
	}

	static Route auth(String method, String template, Endpoint endpoint) {
		return new Route(method, compile(template), false, NOTHING, endpoint);
	}

	/** Runs {@code hook} for every request this route receives, before any check can turn it away. */
	Route onReceived(Runnable hook) {
		return new Route(this.method, this.path, this.fota, hook, this.endpoint);
	}

	private static Pattern compile(String template) {
		return Pattern.compile(template.replaceAll("\\{[^/}]+}", "([^/]+)"));
	}
}
