package io.github.campaignbatch.thingspace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Bodies of the token and login exchanges. Their {@code toString()} is overridden because the generated
 * one of a record would print the secret.
 */
final class AuthMessages {

	private AuthMessages() {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record AccessTokenResponse(
			@JsonProperty("access_token") String accessToken,
			@JsonProperty("token_type") String tokenType,
			@JsonProperty("expires_in") Long expiresIn) {

		@Override
		public String toString() {
			return "AccessTokenResponse[accessToken=" + SecretMasker.mask(this.accessToken) + ", tokenType="
					+ this.tokenType + ", expiresIn=" + this.expiresIn + "]";
		}
	}

	record SessionLoginRequest(String username, String password) {

		@Override
		public String toString() {
			return "SessionLoginRequest[username=" + SecretMasker.mask(this.username) + ", password="
					+ SecretMasker.mask(this.password) + "]";
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record SessionLoginResponse(String sessionToken) {

		@Override
		public String toString() {
			return "SessionLoginResponse[sessionToken=" + SecretMasker.mask(this.sessionToken) + "]";
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record OAuthError(String error, @JsonProperty("error_description") String errorDescription) {
	}
}
