package io.github.campaignbatch.amendment;

import java.time.Clock;

import io.github.campaignbatch.preflight.PreflightCheck;
import io.github.campaignbatch.submission.SubmissionLedger;
import io.github.campaignbatch.thingspace.ThingSpaceClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Beans of {@code amend}. The client is lazy, so that {@code status}, which reads the ledger, needs no credentials. */
@Configuration(proxyBeanMethods = false)
public class AmendmentConfiguration {

	@Bean
	AmendmentStore amendmentStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			SubmissionLedger ledger, Clock clock) {
		return new AmendmentStore(jdbc, transactionManager, ledger, clock);
	}

	@Bean
	@Lazy
	CampaignAmender campaignAmender(AmendmentStore store, @Lazy ThingSpaceClient client,
			@Lazy PreflightCheck activeCampaigns) {
		return new CampaignAmender(store, client, activeCampaigns);
	}
}
