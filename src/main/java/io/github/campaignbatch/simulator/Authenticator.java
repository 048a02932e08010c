package io.github.campaignbatch.simulator;

import java.util.Locale;

/**
 * The two header checks the vendor applies: {@code Authorization: Bearer} (API gateway) and
 * {@code VZ-M2M-Token} (session). Each throws an {@link ApiException} carrying the vendor's 401.
 */
final class Authenticator {

	static final String SESSION_HEADER = "VZ-M2M-Token";
	static final String SESSION_INVALID = "UnifiedWebService.INPUT_INVALID.SessionToken.Invalid";
	static final String SESSION_EXPIRED = "UnifiedWebService.REQUEST_FAILED.SessionToken.Expired";

	private final IssuedAccessTokens accessTokens;
	private final Sessions sessions;

	Authenticator(IssuedAccessTokens accessTokens, Sessions sessions) {
		this.accessTokens = accessTokens;
		this.sessions = sessions;
	}

	void requireBearer(SimRequest request) {
		String token = bearerToken(request.header("Authorization"));
		if (token == null || !this.accessTokens.isValid(token)) {
			throw new ApiException(ApiResponse.invalidAccessToken());
		}
	}

	/** Checks the session header and counts the call as a use of the session. */
	void requireSession(SimRequest request) {
		String token = request.header(SESSION_HEADER);
		if (token == null || token.isBlank()) {
			throw new ApiException(ApiResponse.error(401, SESSION_INVALID, "Session token is missing"));
		}
		switch (this.sessions.use(token.strip())) {
			case VALID -> {
			}
			case EXPIRED -> throw new ApiException(ApiResponse.error(401, SESSION_EXPIRED, "Session token expired"));
			default -> throw new ApiException(ApiResponse.error(401, SESSION_INVALID, "Session token is invalid"));
		}
	}

	private static String bearerToken(String authorization) {
		if (authorization == null) {
			return null;
		}
		String value = authorization.strip();
		if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
			return null;
		}
		String token = value.substring("bearer ".length()).strip();
		return token.isEmpty() ? null : token;
	}
}
