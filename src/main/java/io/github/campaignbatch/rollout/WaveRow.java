package io.github.campaignbatch.rollout;

import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

import io.github.campaignbatch.submission.CampaignState;

/**
 * One ledger row of a rollout: a wave of a campaign (or a part of a wave split above the device limit).
 *
 * @param releasedAt when a gate or an operator released it; {@code null} for the first wave (the run sends it) and
 * for waves not released
 */
public record WaveRow(long id, String campaignKey, int waveNo, int waveCount, String name, String account,
		int deviceCount, CampaignState state, LocalDate startDate, LocalDate endDate, String remoteId,
		Instant releasedAt, String errorCode, String errorMessage, long firstRowNo) {

	private static final Pattern WAVE_SUFFIX = Pattern.compile("(-wave-\\d+-of-\\d+)?(-part-\\d+-of-\\d+)?$");

	/** The campaign's name without its wave and part suffix, as the operator named it. */
	public String campaignName() {
		return WAVE_SUFFIX.matcher(this.name).replaceFirst("");
	}

	/** A wave released later starts on the day of its release (UTC), never before its row's start date. */
	public LocalDate startDateIfReleasedOn(LocalDate day) {
		return day.isAfter(this.startDate) ? day : this.startDate;
	}

	/** Its end date passed: released on {@code day}, it would end before it starts, so it is never sent. */
	public boolean expiredOn(LocalDate day) {
		return this.endDate.isBefore(day);
	}

	/** Sent, or on its way: the rows a gate measures and after which it may release the next wave. */
	public boolean released() {
		return this.state != CampaignState.HELD && this.state != CampaignState.HALTED
				&& this.state != CampaignState.EXPIRED;
	}

	/** Released and not settled yet: PLANNED (not sent yet), in flight or in doubt, or not sent for a failure. */
	public boolean inFlight() {
		return this.state == CampaignState.PLANNED || this.state == CampaignState.SUBMITTING
				|| this.state == CampaignState.UNKNOWN || this.state == CampaignState.FAILED;
	}
}
