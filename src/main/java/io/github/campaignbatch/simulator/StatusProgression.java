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
 * CampaignRequestPending ──(statusAdvanceAfter)──► CampaignScheduled ──(day after endDate)──► CampaignEnded
 *        └────────────── DELETE ──► CampaignCancelled, or CampaignAborted once scheduled and started
 * </pre>
 */
final class StatusProgression {

	private final Clock clock;
	private final Duration advanceAfter;

	StatusProgression(Clock clock, Duration advanceAfter) {
		this.clock = clock;
		this.advanceAfter = advanceAfter;
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
		if (!now().isBefore(campaign.createdAt().plus(this.advanceAfter))) {
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

	/** Scheduled and its start date reached: a DELETE now aborts it instead of cancelling it. */
	boolean hasStarted(SimulatedCampaign campaign) {
		LocalDate startDate = parseOrNull(campaign.startDate());
		return CampaignStatus.SCHEDULED.equals(statusOf(campaign)) && startDate != null && !today().isBefore(startDate);
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
