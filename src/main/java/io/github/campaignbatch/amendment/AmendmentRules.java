package io.github.campaignbatch.amendment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.github.campaignbatch.campaign.TimeWindow;
import io.github.campaignbatch.thingspace.CampaignDates;
import io.github.campaignbatch.tracking.VendorStatuses;

/**
 * What ThingSpace accepts as a change of a scheduled campaign (vendor pages "Change Campaign Dates and Time Windows"
 * and "Add or Remove Devices in an Upgrade", v2), checked on the campaign as read, so that a change it would refuse
 * is never sent:
 * <ul>
 * <li>before the campaign starts (today, in the API's zone, before its start date): any start date not in the past,
 * any end date from the start on, after-dates within them, any windows;</li>
 * <li>once it started, before it ends: only the end date, no earlier than 24 hours from now (so the day after today
 * or later), and more windows, none removed;</li>
 * <li>devices, only while the campaign is {@code CampaignRequestPending} or queued;</li>
 * <li>nothing once it ended, was cancelled, aborted or failed.</li>
 * </ul>
 * Each check answers {@code null} when the change is allowed, else the reason in one line.
 */
public final class AmendmentRules {

	/** The statuses in which the vendor takes device changes (its prose says "RequestPending or Queued"). */
	public static final Set<String> DEVICE_CHANGE_STATUSES = Set.of("CampaignRequestPending", "CampaignRequestQueued",
			"CampaignQueued");

	private AmendmentRules() {
	}

	/** Whether the campaign has started: today, in the API's zone, is on or after its start date. */
	public static boolean hasStarted(CampaignDates current, LocalDate today) {
		return !today.isBefore(current.startDate());
	}

	/** Why the vendor would refuse {@code target} as the campaign's new schedule, or {@code null}. */
	public static String refuseDates(String status, CampaignDates current, CampaignDates target, LocalDate today) {
		if (VendorStatuses.isFinalCampaign(status)) {
			return "it is " + status + ": a campaign that ended, was cancelled, aborted or failed cannot be changed";
		}
		if (hasStarted(current, today)) {
			return refuseOnceStarted(current, target, today);
		}
		if (target.startDate().isBefore(today)) {
			return "the start date " + target.startDate() + " is in the past (today is " + today + ")";
		}
		if (target.endDate().isBefore(target.startDate())) {
			return "the end date " + target.endDate() + " is before the start date " + target.startDate();
		}
		String outside = outside("downloadAfterDate", target.downloadAfterDate(), target);
		if (outside == null) {
			outside = outside("installAfterDate", target.installAfterDate(), target);
		}
		if (outside != null) {
			return outside;
		}
		if (target.downloadAfterDate() != null && target.installAfterDate() != null
				&& target.installAfterDate().isBefore(target.downloadAfterDate())) {
			return "installAfterDate " + target.installAfterDate() + " is before downloadAfterDate "
					+ target.downloadAfterDate();
		}
		return null;
	}

	private static String refuseOnceStarted(CampaignDates current, CampaignDates target, LocalDate today) {
		String started = "it started on " + current.startDate() + ": ";
		if (!target.startDate().equals(current.startDate())) {
			return started + "its start date cannot change any more (only a later end date and more windows can)";
		}
		if (!Objects.equals(target.downloadAfterDate(), current.downloadAfterDate())
				|| !Objects.equals(target.installAfterDate(), current.installAfterDate())) {
			return started + "its after-dates cannot change any more (only a later end date and more windows can)";
		}
		LocalDate earliestEnd = today.plusDays(1);
		if (!target.endDate().equals(current.endDate()) && target.endDate().isBefore(earliestEnd)) {
			return started + "its end date must be at least 24 hours from now: " + earliestEnd + " or later";
		}
		List<TimeWindow> removed = new ArrayList<>();
		removed.addAll(missing(current.downloadTimeWindowList(), target.downloadTimeWindowList()));
		removed.addAll(missing(current.installTimeWindowList(), target.installTimeWindowList()));
		if (!removed.isEmpty()) {
			return started + "windows can be added, not removed (" + TimeWindow.format(removed) + " would go)";
		}
		return null;
	}

	/** Why the vendor would refuse to add or remove devices now, or {@code null}. */
	public static String refuseDevices(String status) {
		if (status != null && DEVICE_CHANGE_STATUSES.contains(status)) {
			return null;
		}
		return "it is " + status + ": devices can be added or removed only while it is CampaignRequestPending or"
				+ " CampaignRequestQueued";
	}

	private static List<TimeWindow> missing(List<TimeWindow> before, List<TimeWindow> after) {
		return before.stream().filter(window -> !after.contains(window)).toList();
	}

	private static String outside(String name, LocalDate date, CampaignDates target) {
		if (date == null || (!date.isBefore(target.startDate()) && !date.isAfter(target.endDate()))) {
			return null;
		}
		return name + " " + date + " is outside the campaign's dates " + target.startDate() + " to " + target.endDate();
	}
}
