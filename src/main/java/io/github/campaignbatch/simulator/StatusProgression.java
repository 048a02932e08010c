package io.github.campaignbatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Where a campaign's status stands now. Nothing runs in the background: the status is derived on every read
 * from the creation time and the clock, so history queries see campaigns move and a restarted simulator
 * carries on where it stopped.
 * <pre>
 * CampaignRequestPending ──(statusAdvanceAfter)──► CampaignScheduled ──(campaignDuration, or the day after
 *        │                                                 │              endDate)──► CampaignEnded
 *        └──── DELETE ──► CampaignCancelled                └── DELETE ──► CampaignAborted once started
 * </pre>
 * With a {@link SimulatorOptions.Lifecycle#campaignDuration()} a scheduled campaign has started (its devices are
 * moving); without one it starts on its start date.
 */
final class StatusProgression {

	private final Clock clock;
	private final Duration advanceAfter;
	private final Duration campaignDuration;

	StatusProgression(Clock clock, Duration advanceAfter, Duration campaignDuration) {
		this.clock = clock;
		this.advanceAfter = advanceAfter;
		this.campaignDuration = campaignDuration;
	}

	Instant now() {
		return this.clock.instant();
	}

	/** Today in UTC, the time zone the vendor's dates are read in. */
	LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	String statusOf(SimulatedCampaign campaign) {
		// Anything other than the creation status was set explicitly (a cancellation) and is final.
		if (!CampaignStatus.REQUEST_PENDING.equals(campaign.status())) {
			return campaign.status();
		}
		LocalDate endDate = parseOrNull(campaign.endDate());
		if (endDate != null && today().isAfter(endDate)) {
			return CampaignStatus.ENDED;
		}
		Instant scheduledAt = scheduledAt(campaign);
		if (this.campaignDuration != null && !now().isBefore(scheduledAt.plus(this.campaignDuration))) {
			return CampaignStatus.ENDED;
		}
		if (!now().isBefore(scheduledAt)) {
			return CampaignStatus.SCHEDULED;
		}
		return CampaignStatus.REQUEST_PENDING;
	}

	SimulatedCampaign resolve(SimulatedCampaign campaign) {
		return campaign.withStatus(statusOf(campaign));
	}

	/** Whether the campaign still holds its devices. */
	boolean isActive(SimulatedCampaign campaign) {
		return CampaignStatus.ACTIVE.contains(statusOf(campaign));
	}

	/** Scheduled and started: a DELETE now aborts it instead of cancelling it. */
	boolean hasStarted(SimulatedCampaign campaign) {
		if (!CampaignStatus.SCHEDULED.equals(statusOf(campaign))) {
			return false;
		}
		if (this.campaignDuration != null) {
			return true;
		}
		LocalDate startDate = parseOrNull(campaign.startDate());
		return startDate != null && !today().isBefore(startDate);
	}

	/**
	 * Whether the campaign has begun in the sense of the vendor's rules for changing it: active and on or past its
	 * start date. Until then any date or window may change; from then on only a later end date and more windows.
	 */
	boolean hasBegun(SimulatedCampaign campaign) {
		LocalDate startDate = parseOrNull(campaign.startDate());
		return isActive(campaign) && startDate != null && !today().isBefore(startDate);
	}

	/**
	 * How far the campaign's devices have gone, 0.0 to 1.0: a device whose own share is below this has its
	 * result. A cancelled or aborted campaign stopped where it stood when the DELETE came.
	 */
	double progress(SimulatedCampaign campaign) {
		String status = statusOf(campaign);
		if (CampaignStatus.ENDED.equals(status)) {
			return 1.0;
		}
		if (this.campaignDuration == null) {
			return 0.0;
		}
		Instant until = campaign.statusChangedAt() != null ? campaign.statusChangedAt() : now();
		Duration elapsed = Duration.between(scheduledAt(campaign), until);
		if (elapsed.isNegative()) {
			return 0.0;
		}
		return Math.min(1.0, (double) elapsed.toMillis() / this.campaignDuration.toMillis());
	}

	private Instant scheduledAt(SimulatedCampaign campaign) {
		return campaign.createdAt().plus(this.advanceAfter);
	}

	private static LocalDate parseOrNull(String date) {
		try {
			return date == null ? null : LocalDate.parse(date);
		}
		catch (DateTimeParseException handEdited) {
			return null;
		}
	}
}
