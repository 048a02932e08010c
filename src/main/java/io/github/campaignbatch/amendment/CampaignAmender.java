package io.github.campaignbatch.amendment;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.campaignbatch.preflight.PreflightCheck;
import io.github.campaignbatch.thingspace.AuthenticationFailedException;
import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.CampaignDates;
import io.github.campaignbatch.thingspace.DeviceStatus;
import io.github.campaignbatch.thingspace.SubmissionOutcomeUnknownException;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceException;
import io.github.campaignbatch.thingspace.VendorRejectedException;
import io.github.campaignbatch.tracking.TrackedCampaign;

/**
 * Changes one scheduled campaign, exactly once, in two moves: {@link #plan} reads the campaign (and, for devices,
 * its device report), settles any earlier change whose answer was lost by what the read shows, and checks the asked
 * change against the vendor's rules ({@link AmendmentRules}); {@link #apply} writes the change to the amendment
 * ledger, sends its PUT, and records the outcome. A PUT whose answer is lost is settled by reading the campaign at
 * once; when the read does not show it yet, the change stays UNKNOWN and the next amend reads again before sending
 * anything. Because the plan compares the asked change with what the campaign already is, repeating an amend sends
 * nothing that is already done.
 */
public class CampaignAmender {

	/**
	 * What the operator asked, for every selected campaign.
	 *
	 * @param dates {@code null} or empty when no date or window is to change
	 * @param zone the zone the asked dates and windows are written in, {@code null} for the API's
	 * @param today today in the API's zone: what "started" and "in the past" are measured against
	 */
	public record Request(DateChange dates, ZoneId zone, ZoneId apiZone, DeviceRequest devices, LocalDate today) {
	}

	/** What the plan found for one of the two kinds of change. */
	public enum Verdict {
		/** Not asked. */
		NONE,
		/** The campaign is already so: nothing to send. */
		ALREADY,
		/** The vendor would refuse it: not sent; the plan's reason says why. */
		REFUSED,
		/** Allowed, and different from what the campaign is: to send. */
		SEND
	}

	/**
	 * One campaign's plan.
	 *
	 * @param unreadable why the campaign could not be read ({@code null} when it was): nothing else is known
	 * @param settled one line per earlier change settled by this read
	 * @param warnings the daylight-saving changes the converted dates span
	 * @param alreadyIn devices asked in that the campaign already holds
	 * @param notIn devices asked out that the campaign does not hold
	 * @param heldElsewhere devices asked in that another active campaign of this database holds, with that line
	 */
	public record Plan(TrackedCampaign campaign, String unreadable, String vendorStatus, List<String> settled,
			Verdict dates, CampaignDates current, CampaignDates target, String datesRefusal, List<String> warnings,
			Verdict devices, List<String> add, List<String> remove, String devicesRefusal, List<String> alreadyIn,
			List<String> notIn, Map<String, String> heldElsewhere) {

		public boolean sendsAnything() {
			return this.dates == Verdict.SEND || this.devices == Verdict.SEND;
		}

		public boolean refused() {
			return this.unreadable != null || this.dates == Verdict.REFUSED || this.devices == Verdict.REFUSED;
		}
	}

	/** What {@link #apply} did: lines for the operator, and whether something could not be done. */
	public record Result(List<String> done, List<String> errors) {
	}

	private final AmendmentStore store;

	private final ThingSpaceClient client;

	private final PreflightCheck activeCampaigns;

	public CampaignAmender(AmendmentStore store, ThingSpaceClient client, PreflightCheck activeCampaigns) {
		this.store = store;
		this.client = client;
		this.activeCampaigns = activeCampaigns;
	}

	/** @throws AuthenticationFailedException the credentials were refused */
	public Plan plan(TrackedCampaign campaign, Request request) {
		Campaign vendor;
		Set<String> held = null;
		List<String> settled = new ArrayList<>();
		try {
			vendor = this.client.getCampaign(campaign.account(), campaign.remoteId());
			this.store.noteVendorStatus(campaign.id(), vendor.status());
			List<AmendmentStore.Amendment> pending = this.store.pending(campaign.id());
			if (!request.devices().isEmpty() || pending.stream().anyMatch(change -> change.kind() == AmendmentStore.Kind.DEVICES)) {
				held = devicesOf(campaign);
			}
			for (AmendmentStore.Amendment change : pending) {
				settled.add(settle(campaign, change, CampaignDates.of(vendor), held));
			}
		}
		catch (AuthenticationFailedException ex) {
			throw ex;
		}
		catch (ThingSpaceException | IllegalArgumentException ex) {
			return new Plan(campaign, ex.getMessage(), campaign.vendorStatus(), settled, Verdict.NONE, null, null, null,
					List.of(), Verdict.NONE, List.of(), List.of(), null, List.of(), List.of(), Map.of());
		}
		CampaignDates current = CampaignDates.of(vendor);
		Verdict dates = Verdict.NONE;
		CampaignDates target = null;
		String datesRefusal = null;
		List<String> warnings = new ArrayList<>();
		if (request.dates() != null && !request.dates().isEmpty()) {
			DateChange.InApiZone inApiZone = request.dates().inApiZone(request.zone(), request.apiZone(), vendor,
					request.today());
			inApiZone.daylightSavingWarnings().forEach(warning -> warnings.add("campaign '" + campaign.name() + "': " + warning));
			target = inApiZone.change().applyTo(current);
			datesRefusal = ScheduleText.same(current, target) ? null
					: AmendmentRules.refuseDates(vendor.status(), current, target, request.today());
			dates = ScheduleText.same(current, target) ? Verdict.ALREADY : datesRefusal != null ? Verdict.REFUSED : Verdict.SEND;
		}
		if (request.devices().isEmpty()) {
			return new Plan(campaign, null, vendor.status(), settled, dates, current, target, datesRefusal, warnings,
					Verdict.NONE, List.of(), List.of(), null, List.of(), List.of(), Map.of());
		}
		Set<String> holding = held;
		String devicesRefusal = AmendmentRules.refuseDevices(vendor.status());
		List<String> alreadyIn = request.devices().add().stream().filter(holding::contains).toList();
		List<String> notIn = request.devices().remove().stream().filter(imei -> !holding.contains(imei)).toList();
		List<String> add = new ArrayList<>(request.devices().add().stream().filter(imei -> !holding.contains(imei)).toList());
		Map<String, String> heldElsewhere = this.activeCampaigns.heldByOtherActiveCampaigns(campaign.id(), add,
				request.today());
		add.removeAll(heldElsewhere.keySet());
		List<String> remove = request.devices().remove().stream().filter(holding::contains).toList();
		Set<String> after = new LinkedHashSet<>(holding);
		after.addAll(add);
		remove.forEach(after::remove);
		if (devicesRefusal == null && after.isEmpty()) {
			devicesRefusal = "it would be left without devices: cancel it instead (cancel --execution ID --campaign "
					+ campaign.remoteId() + ")";
		}
		Verdict devices = devicesRefusal != null ? Verdict.REFUSED
				: add.isEmpty() && remove.isEmpty() ? Verdict.ALREADY : Verdict.SEND;
		return new Plan(campaign, null, vendor.status(), settled, dates, current, target, datesRefusal, warnings, devices,
				List.copyOf(add), remove, devicesRefusal, alreadyIn, notIn, Map.copyOf(heldElsewhere));
	}

	/**
	 * Sends what the plan allows (devices first: they may change only while the campaign is pending).
	 * @param command the amend command line, kept with each change
	 * @throws AuthenticationFailedException the credentials were refused
	 */
	public Result apply(Plan plan, String command) {
		List<String> done = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		if (plan.devices() == Verdict.SEND) {
			changeDevices(plan, command, done, errors);
		}
		if (plan.dates() == Verdict.SEND) {
			changeDates(plan, command, done, errors);
		}
		return new Result(List.copyOf(done), List.copyOf(errors));
	}

	private void changeDates(Plan plan, String command, List<String> done, List<String> errors) {
		TrackedCampaign campaign = plan.campaign();
		long id = this.store.requestDates(campaign, command, plan.current(), plan.target());
		String changed = "dates changed: " + describe(campaign) + ": now " + ScheduleText.format(plan.target());
		send(id, "dates", campaign, new Change() {

			@Override
			public String put() {
				CampaignAmender.this.client.changeCampaignDates(campaign.account(), campaign.remoteId(), plan.target());
				return null;
			}

			@Override
			public boolean shows() {
				return ScheduleText.same(CampaignDates.of(CampaignAmender.this.client.getCampaign(campaign.account(),
						campaign.remoteId())), plan.target());
			}

			@Override
			public void applied(String requestId, String outcome) {
				CampaignAmender.this.store.datesApplied(id, campaign, plan.target(), outcome);
			}
		}, changed, "the campaign", done, errors);
	}

	private void changeDevices(Plan plan, String command, List<String> done, List<String> errors) {
		TrackedCampaign campaign = plan.campaign();
		long id = this.store.requestDevices(campaign, command, plan.add(), plan.remove());
		String changed = "devices changed: " + describe(campaign) + ": " + counted(plan.add().size(), plan.remove().size());
		send(id, "device", campaign, new Change() {

			@Override
			public String put() {
				return CampaignAmender.this.client.changeCampaignDevices(campaign.account(), campaign.remoteId(),
						plan.add(), plan.remove());
			}

			@Override
			public boolean shows() {
				Set<String> held = devicesOf(campaign);
				return held.containsAll(plan.add()) && plan.remove().stream().noneMatch(held::contains);
			}

			@Override
			public void applied(String requestId, String outcome) {
				CampaignAmender.this.store.devicesApplied(id, campaign, plan.add(), plan.remove(), requestId, outcome);
			}
		}, changed, "the device report", done, errors);
	}

	/** One change at ThingSpace, as {@link #send} needs it. */
	private interface Change {

		/** Sends the PUT; returns the vendor's request id, if it names one. */
		String put();

		/** Whether a read of the campaign shows the change. */
		boolean shows();

		/** Records that it took effect. */
		void applied(String requestId, String outcome);
	}

	/**
	 * Sends a change already written as requested, and records what came of it: applied, refused, or, when the answer
	 * was lost, what a read at once shows (applied, or UNKNOWN for the next amend to settle); a failure that proves
	 * it was not processed leaves it NOT_APPLIED.
	 * @param read what shows the change, for the operator: "the campaign", "the device report"
	 */
	private void send(long id, String kind, TrackedCampaign campaign, Change change, String changed, String read,
			List<String> done, List<String> errors) {
		try {
			String requestId = change.put();
			change.applied(requestId, "applied");
			done.add(changed + (requestId == null ? "" : " (request " + requestId + ")"));
		}
		catch (VendorRejectedException refused) {
			this.store.settle(id, AmendmentStore.State.REFUSED, refused.getMessage(), null);
			errors.add("ThingSpace refused the " + kind + " change of " + describe(campaign) + ": " + refused.getMessage());
		}
		catch (SubmissionOutcomeUnknownException lost) {
			if (showsOrFalse(change)) {
				change.applied(null, "applied (the answer was lost; " + read + " shows it)");
				done.add(changed + " (the answer was lost; " + read + " shows the change)");
			}
			else {
				this.store.settle(id, AmendmentStore.State.UNKNOWN, lost.getMessage(), null);
				errors.add("the answer to the " + kind + " change of " + describe(campaign) + " was lost and ThingSpace"
						+ " does not show the change yet: run the same command again later (it reads the campaign before"
						+ " sending anything again)");
			}
		}
		catch (AuthenticationFailedException ex) {
			this.store.settle(id, AmendmentStore.State.NOT_APPLIED, "not sent: " + ex.getMessage(), null);
			throw ex;
		}
		catch (ThingSpaceException ex) {
			this.store.settle(id, AmendmentStore.State.NOT_APPLIED, "not sent: " + ex.getMessage(), null);
			errors.add("cannot change the " + (kind.equals("device") ? "devices" : kind) + " of " + describe(campaign)
					+ ": " + ex.getMessage() + "; nothing was changed: run the same command again");
		}
	}

	private static boolean showsOrFalse(Change change) {
		try {
			return change.shows();
		}
		catch (ThingSpaceException unreadable) {
			return false;
		}
	}

	/** An earlier change left pending (answer lost, or the process died around its PUT), settled by what was read. */
	private String settle(TrackedCampaign campaign, AmendmentStore.Amendment change, CampaignDates current, Set<String> held) {
		String which = "the " + (change.kind() == AmendmentStore.Kind.DATES ? "dates" : "device") + " change of "
				+ describe(campaign) + " sent by an earlier amend (" + change.requestedAt() + ")";
		if (change.kind() == AmendmentStore.Kind.DATES) {
			if (ScheduleText.same(current, change.requestedDates())) {
				this.store.datesApplied(change.id(), campaign, change.requestedDates(),
						"applied (settled by reading the campaign)");
				return which + " is applied at ThingSpace";
			}
			this.store.settle(change.id(), AmendmentStore.State.NOT_APPLIED,
					"not applied (settled by reading the campaign: it does not show it)", null);
			return which + " is not applied at ThingSpace";
		}
		List<String> added = change.added().stream().filter(held::contains).toList();
		List<String> removed = change.removed().stream().filter(imei -> !held.contains(imei)).toList();
		if (added.isEmpty() && removed.isEmpty()) {
			this.store.settle(change.id(), AmendmentStore.State.NOT_APPLIED,
					"not applied (settled by reading the device report: it does not show it)", null);
			return which + " is not applied at ThingSpace";
		}
		boolean whole = added.size() == change.added().size() && removed.size() == change.removed().size();
		this.store.devicesApplied(change.id(), campaign, added, removed, null,
				(whole ? "applied" : "partly applied") + " (settled by reading the device report)");
		return which + " is " + (whole ? "applied" : "partly applied") + " at ThingSpace: " + counted(added.size(),
				removed.size());
	}



	private Set<String> devicesOf(TrackedCampaign campaign) {
		Set<String> held = new HashSet<>();
		for (DeviceStatus device : this.client.deviceStatuses(campaign.account(), campaign.remoteId())) {
			if (device.deviceId() != null) {
				held.add(device.deviceId());
			}
		}
		return held;
	}


	private static String counted(int added, int removed) {
		return added + " added, " + removed + " removed";
	}

	/** {@code 'name' (ThingSpace id)}. */
	public static String describe(TrackedCampaign campaign) {
		return "'" + campaign.name() + "' (" + campaign.remoteId() + ")";
	}
}
