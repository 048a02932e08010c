package io.github.campaignbatch.tracking;

import java.time.Clock;

import io.github.campaignbatch.thingspace.ThingSpaceClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Beans of {@code track} and {@code cancel}. The client is lazy, so commands that only read the tables (status,
 * report) need no credentials.
 */
@Configuration(proxyBeanMethods = false)
public class TrackingConfiguration {

	@Bean
	TrackingStore trackingStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		return new TrackingStore(jdbc, transactionManager, clock);
	}

	@Bean
	@Lazy
	CampaignTracker campaignTracker(TrackingStore store, @Lazy ThingSpaceClient client) {
		return new CampaignTracker(store, client);
	}

	@Bean
	@Lazy
	CampaignCanceller campaignCanceller(TrackingStore store, @Lazy ThingSpaceClient client) {
		return new CampaignCanceller(store, client);
	}
}
