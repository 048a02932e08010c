/**
 * Staging: where the validated device entries of a job instance are kept between the load step and the report,
 * and the store the grouping and the report read. Depends on {@code validation} (what it stores) and
 * {@code campaign} (the campaign model); neither depends on it.
 */
package io.github.campaignbatch.staging;
