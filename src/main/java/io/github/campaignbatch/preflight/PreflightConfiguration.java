package io.github.campaignbatch.preflight;

import io.github.campaignbatch.staging.StagingStore;
import io.github.campaignbatch.submission.SubmissionLedger;
import io.github.campaignbatch.thingspace.ThingSpaceClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

/** The pre-flight check, its client lazy so that dry runs need no credentials (its step listener: job's wiring). */
@Configuration(proxyBeanMethods = false)
public class PreflightConfiguration {

	@Bean
	@Lazy
	PreflightCheck preflightCheck(JdbcTemplate jdbc,
			@Lazy ThingSpaceClient client, ObjectProvider<RequiredFilesListener> listeners, StagingStore staging,
			SubmissionLedger ledger) {
		return new PreflightCheck(jdbc, client, listeners, staging, ledger);
	}
}
