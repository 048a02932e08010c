/**
 * Checks made before the first POST of a run: every campaign's file is available to its account
 * ({@code FILE_NOT_AVAILABLE}), and no device is sent while this database holds it in another active campaign
 * ({@code ALREADY_IN_ACTIVE_CAMPAIGN}). {@code validate --online} runs the same checks without sending.
 */
package io.github.campaignbatch.preflight;
