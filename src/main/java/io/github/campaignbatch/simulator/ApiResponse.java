package io.github.campaignbatch.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers: an HTTP status, a body to serialise as JSON and any extra headers.
 */
record ApiResponse(int status, Object body, Map<String, String> headers) {

	static final String INVALID_PARAMETER = "INVALID_PARAMETER";

	ApiResponse {
		headers = Map.copyOf(headers);
	}

	static ApiResponse ok(Object body) {
		return new ApiResponse(200, body, Map.of());
	}

	/** The FOTA and session APIs' error shape: {@code {"errorCode", "errorMessage"}}. */
	static ApiResponse error(int status, String errorCode, String errorMessage) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("errorCode", errorCode);
		body.put("errorMessage", errorMessage);
		return new ApiResponse(status, body, Map.of());
	}

	/** A FOTA validation failure: the vendor reports them all as 400 INVALID_PARAMETER with a message. */
	static ApiResponse invalidParameter(String errorMessage) {
		return error(400, INVALID_PARAMETER, errorMessage);
	}

	/** The OAuth endpoint's error shape: {@code {"error", "error_description"}}. */
	static ApiResponse oauthError(int status, String error, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return new ApiResponse(status, body, Map.of());
	}

	/**
	 * A missing, unknown or expired Bearer token. ThingSpace's API gateway (WSO2) answers those itself, before
	 * the service sees the call, in its own shape rather than {@code errorCode}/{@code errorMessage}.
	 */
	static ApiResponse invalidAccessToken() {
		Map<String, Object> fault = new LinkedHashMap<>();
		fault.put("code", "900901");
		fault.put("message", "Invalid Credentials");
		fault.put("description", "Access failure for API. Make sure you have given the correct access token");
		return new ApiResponse(401, Map.of("fault", fault), Map.of());
	}

	static ApiResponse internalError() {
		return error(500, "INTERNAL_SYSTEM_ERROR", "The system encountered an internal error");
	}

	ApiResponse withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new ApiResponse(this.status, this.body, copy);
	}
}
