/**
 * The campaign model: campaign keys, generated names, schedules and time windows, and rollout policies. The shared
 * model of a device entry's campaign lives here; {@code validation} builds it, so the arrow runs validation ->
 * campaign, never back. The SQL that groups staged devices into campaigns and splits large ones is in
 * {@code staging} ({@code GroupingSql}, run by {@code StagedGrouping}).
 */
package io.github.campaignbatch.campaign;
