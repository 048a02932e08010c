package io.github.campaignbatch.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the job runs ({@code campaign.*}); each default is stated once: here, or for the progress interval in
 * {@code application.properties}, where it maps the documented {@code CAMPAIGN_PROGRESS_INTERVAL}.
 *
 * @param progressInterval the least time between two progress lines of a long step; zero: only the summary
 * @param leaseTimeToLive a run whose heartbeat is older than this is considered dead, and its job instance may be
 * taken over
 * @param stopTimeout how long a SIGTERM waits for the chunk in flight before the process exits anyway
 */
@ConfigurationProperties("campaign")
public record JobSettings(Duration progressInterval, @DefaultValue("30s") Duration leaseTimeToLive,
		@DefaultValue("60s") Duration stopTimeout) {
}
