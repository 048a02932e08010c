package io.github.campaignbatch.submission;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the submit step behaves ({@code campaign.submission.*}).
 *
 * @param reconcileDelay how long to wait after an ambiguous answer before reading the vendor's history,
 * which may lag behind the POST that created a campaign
 * @param maxSendsPerRun POSTs of one campaign within one run; more than one happens only when the
 * history proved an earlier POST created nothing
 * @param chunkSize campaigns per chunk (a chunk is the unit of a graceful stop)
 */
@ConfigurationProperties("campaign.submission")
public record SubmissionSettings(@DefaultValue("5s") Duration reconcileDelay, @DefaultValue("3") int maxSendsPerRun,
		@DefaultValue("8") int chunkSize) {
}
