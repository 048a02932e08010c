/**
 * The campaign model: campaign keys, generated names, schedules, and the set-based SQL that groups staged device entries into campaigns and splits large ones.
 */
package io.github.campaignbatch.campaign;
