package io.github.campaignbatch.thingspace;

import java.util.List;

/**
 * ThingSpace refused our credentials, or they are missing. Never retried by the client: the vendor locks
 * a user after five failed logins in a row. The message names the step that failed and the environment
 * variables to check.
 */
public class AuthenticationFailedException extends ThingSpaceException {

	/** Which part of the authentication failed. */
	public enum Step {
		/** Credentials are not configured; nothing was sent. */
		CONFIGURATION,
		/** The OAuth2 token endpoint refused the client id and secret. */
		ACCESS_TOKEN,
		/** The M2M session login refused the username and password. */
		SESSION_LOGIN,
		/** A fresh token and session were still refused by the API call itself. */
		API_CALL
	}

	private final Step step;
	private final List<String> environmentVariables;

	public AuthenticationFailedException(Step step, String problem, List<String> environmentVariables) {
		super(problem + (environmentVariables.isEmpty() ? ""
				: " Check " + String.join(", ", environmentVariables) + "."));
		this.step = step;
		this.environmentVariables = List.copyOf(environmentVariables);
	}

	/** The same refusal again, for a later call that is turned down without asking the vendor. */
	AuthenticationFailedException(AuthenticationFailedException earlier) {
		super(earlier.getMessage(), earlier);
		this.step = earlier.step;
		this.environmentVariables = earlier.environmentVariables;
	}

	public Step step() {
		return this.step;
	}

	/** The environment variables whose values are the likely cause. */
	public List<String> environmentVariables() {
		return this.environmentVariables;
	}
}
