package io.github.campaignbatch.rollout;

import java.math.BigDecimal;

import io.github.campaignbatch.campaign.RolloutPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rollout policy of the {@code schedule} service's files ({@code campaign.rollout.*}, e.g.
 * {@code CAMPAIGN_ROLLOUT_PILOT=20}), for files run without {@code --pilot}/{@code --waves} on its command line.
 * Unset: no waves.
 *
 * @param pilot devices of each campaign's first wave
 * @param waves cumulative percentages of the following waves, e.g. {@code 10,50,100}
 * @param gateSuccess the share of succeeded devices that releases the next wave (default 0.9)
 */
@ConfigurationProperties("campaign.rollout")
public record RolloutSettings(Integer pilot, String waves, BigDecimal gateSuccess) {

	/**
	 * The configured policy.
	 * @throws IllegalArgumentException a setting it refuses, named as its option is
	 */
	public RolloutPolicy policy() {
		return RolloutPolicy.of(this.pilot, this.waves == null ? null : RolloutPolicy.parsePercents(this.waves),
				this.gateSuccess);
	}
}
