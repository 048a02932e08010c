package io.github.campaignbatch;

import io.github.campaignbatch.output.CleanLogMessages;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring application behind the batch commands, started for them by
 * {@link io.github.campaignbatch.application.ApplicationFactory}. The process entry point is
 * {@link io.github.campaignbatch.cli.Main}: commands that need no database (the simulator, templates)
 * never start a Spring context.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CampaignBatchApplication {

	static {
		// Before Spring configures logging: every log message is cleaned of control characters.
		CleanLogMessages.install();
	}

}
