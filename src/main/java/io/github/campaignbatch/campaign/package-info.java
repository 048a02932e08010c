/**
 * The campaign model: campaign keys, generated names, schedules and time windows, and the set-based SQL that
 * groups staged device entries into campaigns and splits large ones. The shared model of a device entry's
 * campaign lives here; {@code validation} builds it, so the arrow runs validation -> campaign, never back.
 */
package io.github.campaignbatch.campaign;
