package io.github.campaignbatch.simulator;

/**
 * Ends the handling of a request early with the given answer (a validation or authentication failure).
 */
final class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient ApiResponse response;

	ApiException(ApiResponse response) {
		super(null, null, false, false);
		this.response = response;
	}

	static ApiException invalidParameter(String errorMessage) {
		return new ApiException(ApiResponse.invalidParameter(errorMessage));
	}

	ApiResponse response() {
		return this.response;
	}
}
