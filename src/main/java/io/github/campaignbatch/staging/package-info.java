/**
 * Staging: where the validated device entries of a job instance are kept between the load step and the report, in
 * a DuckDB file per instance ({@code StagingStore}, {@code StagedInstance}), with one class per step that works on
 * it: {@code StagedLoad}, {@code StagedGrouping} (the grouping rules, {@code GroupingSql}), {@code StagedRejections}
 * (the pre-flight) and {@code StagedReport}. Depends on {@code validation} (what it stores) and
 * {@code campaign} (the campaign model); neither depends on it.
 */
package io.github.campaignbatch.staging;
