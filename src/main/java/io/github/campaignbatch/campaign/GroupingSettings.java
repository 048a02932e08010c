package io.github.campaignbatch.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Grouping and staging settings ({@code campaign.*}).
 *
 * @param maxDevicesPerCampaign devices per campaign request; larger campaigns are split into parts. The
 * vendor publishes no limit, so this is the operator's choice
 * @param loadChunkSize input rows per load transaction: each costs a job-repository update and nothing else, the
 * devices are inserted into the staging file once, when the input ends; a stop (SIGTERM) ends the step at the end of
 * a chunk
 */
@ConfigurationProperties("campaign")
public record GroupingSettings(@DefaultValue("10000") int maxDevicesPerCampaign, @DefaultValue("20000") int loadChunkSize) {
}
