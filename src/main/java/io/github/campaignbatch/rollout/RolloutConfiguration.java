package io.github.campaignbatch.rollout;

import java.time.Clock;

import io.github.campaignbatch.submission.CampaignSubmitter;
import io.github.campaignbatch.submission.Reconciler;
import io.github.campaignbatch.submission.SubmissionLedger;
import io.github.campaignbatch.submission.SubmissionSettings;
import io.github.campaignbatch.thingspace.ThingSpaceClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Beans of rollouts. The engine is lazy, like the tracker: commands that only read the ledger (status, report, a
 * dry run's summary) need no credentials.
 */
@Configuration(proxyBeanMethods = false)
public class RolloutConfiguration {

	@Bean
	RolloutLedger rolloutLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		return new RolloutLedger(jdbc, transactionManager);
	}

	@Bean
	@Lazy
	Rollouts rollouts(RolloutLedger waves, SubmissionLedger ledger, @Lazy Reconciler reconciler,
			@Lazy ThingSpaceClient client, SubmissionSettings settings, Clock clock) {
		// the submit step's own submitter, so that a released wave takes the same exactly-once path
		return new Rollouts(waves, ledger, reconciler, new CampaignSubmitter(ledger, client, reconciler, settings, clock),
				clock);
	}
}
