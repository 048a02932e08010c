/**
 * A faithful in-process simulator of the ThingSpace API subset the job uses, on the JDK HTTP server, for the
 * demo and end-to-end tests. {@link io.github.campaignbatch.simulator.SimulatorServer} is the API;
 * {@link io.github.campaignbatch.simulator.SimulatorCommand} the {@code simulator} command.
 *
 * <h2>Answers</h2>
 * <ul>
 * <li>OAuth token: 401 {@code {"error":"invalid_client"}} for wrong Basic credentials, 400
 * {@code invalid_request}/{@code unsupported_grant_type} for a missing or other grant type.</li>
 * <li>A missing, unknown or expired Bearer token (login, logout, every FOTA call): 401 in the API gateway's
 * shape, {@code {"fault":{"code":"900901","message":"Invalid Credentials",...}}}, with no {@code errorCode}.</li>
 * <li>Session: 401 {@code UnifiedWebService.INPUT_INVALID.SessionToken.Invalid} (missing or unknown) or
 * {@code UnifiedWebService.REQUEST_FAILED.SessionToken.Expired} (idle past the TTL). Login: 400
 * {@code UnifiedWebService.INPUT_INVALID.Credentials}; after five failures in a row the user is locked
 * ({@code UnifiedWebService.REQUEST_FAILED.UserLocked}) until the simulator restarts.</li>
 * <li>FOTA validation: 400 {@code INVALID_PARAMETER} with the vendor's message where it publishes one
 * ("Device list is empty", "invalid start date", "Invalid device id format", "Invalid account name format",
 * "Invalid uuid", "LastSeenDeviceId Not Valid", "Input binding error").</li>
 * <li>Unknown campaign: 404 {@code NOT_FOUND}. Rate limit: 429 {@code RateLimitExceeded} with
 * {@code Retry-After: 1}. Injected failure: 500 {@code INTERNAL_SYSTEM_ERROR}.</li>
 * </ul>
 *
 * <h2>Order of checks on a FOTA call</h2>
 * Latency, then the rate limit, then Bearer, then session (a use refreshes it), then the injected-failure
 * draw, then the endpoint. Token, login and logout skip the rate limit and never fail on purpose.
 */
package io.github.campaignbatch.simulator;
