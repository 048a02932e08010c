package io.github.campaignbatch.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Grouping and staging settings ({@code campaign.*}).
 *
 * @param maxDevicesPerCampaign devices per campaign request; larger campaigns are split into parts. The
 * vendor publishes no limit, so this is the operator's choice
 * @param loadChunkSize input rows per load transaction
 */
@ConfigurationProperties("campaign")
public record GroupingSettings(@DefaultValue("10000") int maxDevicesPerCampaign, @DefaultValue("5000") int loadChunkSize) {
}
