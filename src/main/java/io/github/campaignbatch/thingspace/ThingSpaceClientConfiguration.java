package io.github.campaignbatch.thingspace;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Makes a {@link ThingSpaceClient} from the {@code thingspace.*} properties. The bean is lazy: commands
 * that never talk to ThingSpace (dry runs, reports, the simulator) neither need credentials nor validate
 * the base URL.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ThingSpaceProperties.class)
public class ThingSpaceClientConfiguration {

	@Bean
	@Lazy
	public ThingSpaceClient thingSpaceClient(ThingSpaceProperties properties) {
		return new ThingSpaceClient(properties);
	}
}
