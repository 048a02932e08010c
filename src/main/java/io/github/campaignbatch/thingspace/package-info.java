/**
 * HTTP client for the ThingSpace FOTA v2 API: OAuth2 token and M2M session handling, rate limiting, retries for idempotent calls, and the request/response DTOs.
 */
package io.github.campaignbatch.thingspace;
