package io.github.campaignbatch.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The OAuth token endpoint and the M2M session login and logout. None of them is rate-limited or fails at
 * random: the demo must always be able to authenticate.
 */
final class AuthEndpoints {

	static final String CREDENTIALS_INVALID = "UnifiedWebService.INPUT_INVALID.Credentials";
	static final String USER_LOCKED = "UnifiedWebService.REQUEST_FAILED.UserLocked";
	static final String LOGIN_BODY_INVALID = "UnifiedWebService.INPUT_INVALID.RequestBody";

	/** The vendor locks a user after this many failed logins in a row, until its support unlocks it. */
	static final int FAILED_LOGINS_BEFORE_LOCK = 5;

	private static final String SCOPE = "ts.fota ts.m2m";

	private final SimulatorOptions options;
	private final IssuedAccessTokens accessTokens;
	private final Sessions sessions;
	private final Authenticator authenticator;
	private final SimulatorCounters counters;
	private final AtomicInteger failedLoginsInARow = new AtomicInteger();

	AuthEndpoints(SimulatorOptions options, IssuedAccessTokens accessTokens, Sessions sessions, Authenticator authenticator,
			SimulatorCounters counters) {
		this.options = options;
		this.accessTokens = accessTokens;
		this.sessions = sessions;
		this.authenticator = authenticator;
		this.counters = counters;
	}

	/** {@code POST /api/ts/v1/oauth2/token}: Basic client credentials, form {@code grant_type=client_credentials}. */
	ApiResponse token(SimRequest request) {
		this.counters.tokenRequests.incrementAndGet();
		if (!clientAuthenticated(request.header("Authorization"))) {
			return ApiResponse.oauthError(401, "invalid_client", "Client authentication failed")
					.withHeader("WWW-Authenticate", "Basic realm=\"thingspace\"");
		}
		String grantType = SimRequest.parseForm(new String(request.body(), StandardCharsets.UTF_8)).get("grant_type");
		if (grantType == null || grantType.isBlank()) {
			return ApiResponse.oauthError(400, "invalid_request", "Missing grant_type");
		}
		if (!"client_credentials".equals(grantType)) {
			return ApiResponse.oauthError(400, "unsupported_grant_type", "Unsupported grant_type " + grantType);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", this.accessTokens.issue());
		body.put("token_type", "bearer");
		body.put("expires_in", this.accessTokens.lifetimeSeconds());
		body.put("scope", SCOPE);
		return ApiResponse.ok(body);
	}

	/** {@code POST /api/m2m/v1/session/login}: Bearer header, JSON {@code {username, password}}. */
	ApiResponse login(SimRequest request) {
		this.counters.loginRequests.incrementAndGet();
		this.authenticator.requireBearer(request);
		JsonNode body;
		try {
			body = Json.readObject(request.body());
		}
		catch (ApiException unparsable) {
			return ApiResponse.error(400, LOGIN_BODY_INVALID, "Request body must be a JSON object with username and password");
		}
		String username = text(body, "username");
		String password = text(body, "password");
		boolean ourUser = this.options.username().equals(username);
		if (ourUser && this.failedLoginsInARow.get() >= FAILED_LOGINS_BEFORE_LOCK) {
			return ApiResponse.error(400, USER_LOCKED,
					"User is locked after " + FAILED_LOGINS_BEFORE_LOCK + " failed logins; contact support to unlock it");
		}
		if (!ourUser || !constantTimeEquals(this.options.password(), password)) {
			if (ourUser) {
				this.failedLoginsInARow.incrementAndGet();
			}
			return ApiResponse.error(400, CREDENTIALS_INVALID, "Invalid username or password");
		}
		this.failedLoginsInARow.set(0);
		return ApiResponse.ok(Map.of("sessionToken", this.sessions.open()));
	}

	/** {@code POST /api/m2m/v1/session/logout}: Bearer and session headers; answers the ended session's token. */
	ApiResponse logout(SimRequest request) {
		this.authenticator.requireBearer(request);
		this.authenticator.requireSession(request);
		String token = request.header(Authenticator.SESSION_HEADER).strip();
		this.sessions.close(token);
		return ApiResponse.ok(Map.of("sessionToken", token));
	}

	private boolean clientAuthenticated(String authorization) {
		if (authorization == null || !authorization.strip().toLowerCase(Locale.ROOT).startsWith("basic ")) {
			return false;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.strip().substring("basic ".length()).strip()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException notBase64) {
			return false;
		}
		int colon = decoded.indexOf(':');
		return colon > 0
				&& constantTimeEquals(this.options.clientId(), decoded.substring(0, colon))
				&& constantTimeEquals(this.options.clientSecret(), decoded.substring(colon + 1));
	}

	private static String text(JsonNode body, String field) {
		JsonNode node = body.get(field);
		return node != null && node.isString() ? node.stringValue() : null;
	}

	private static boolean constantTimeEquals(String expected, String actual) {
		return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}
}
