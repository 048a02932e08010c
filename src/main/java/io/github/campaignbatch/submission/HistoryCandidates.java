package io.github.campaignbatch.submission;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.DeviceStatus;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceClient.DeviceReport;
import io.github.campaignbatch.thingspace.ThingSpaceException;

/**
 * Which campaigns in the vendor's history are the one a ledger row sent. The history has no file name or version,
 * and operators reuse names ("Retry wave 1") with the same dates for other devices, so a match by name, dates, type
 * and windows ({@link CampaignRequests#matches}) only makes a candidate. A candidate is ours only when it is
 * provably ours:
 * <ul>
 * <li>no other row of this database, of any job instance and in any state, holds its id; and</li>
 * <li>its device report lists exactly the devices we sent.</li>
 * </ul>
 * The device report is a report like the history and may lag behind the creation: right after it, a campaign may
 * list some of its devices or none. A report that lists only devices we sent, but not all of them, therefore cannot
 * tell yet while the visibility horizon of our send runs, and is final ("not ours") after it. A report listing a
 * device we did not send is not ours at any time: the vendor never lists a device the campaign was not given.
 */
final class HistoryCandidates {

	/** What one candidate is to one ledger campaign. */
	enum Kind {
		OURS, NOT_OURS, CANNOT_TELL_YET
	}

	/** One candidate judged, with the reason an operator reads in the log. */
	record Judgement(Campaign candidate, Kind kind, String why) {
	}

	/** Every candidate of one ledger campaign, judged. */
	record Sorting(List<Campaign> ours, List<Judgement> cannotTellYet, List<Judgement> notOurs) {

		/** Exactly one candidate is ours and nothing else is still open: it may be claimed. */
		Optional<Campaign> theOneThatIsOurs() {
			return this.ours.size() == 1 && this.cannotTellYet.isEmpty() ? Optional.of(this.ours.get(0)) : Optional.empty();
		}
	}

	private final SubmissionLedger ledger;

	private final ThingSpaceClient client;

	HistoryCandidates(SubmissionLedger ledger, ThingSpaceClient client) {
		this.ledger = ledger;
		this.client = client;
	}

	/**
	 * Judges every campaign of {@code history} that matches {@code campaign} by name, dates, type and windows, reading
	 * the device report of each whose id no other ledger row holds (through the client, hence its rate limit).
	 * @param horizonPassed whether the visibility horizon of our last send had passed when the history read began
	 * (true when we never sent it): a partial device report is then final
	 * @param skip ids not to consider (e.g. taken by another campaign earlier in the same pass)
	 * @throws ThingSpaceException a device report could not be read: nothing may be decided on a guess
	 */
	Sorting sort(LedgerCampaign campaign, List<Campaign> history, boolean horizonPassed, Set<String> skip) {
		return sort(campaign, history, horizonPassed, skip, Map.of());
	}

	/**
	 * The device reports {@link #sort} reads for {@code campaigns} against one read of their account's {@code history}
	 * (every candidate whose id no other ledger row holds, each once), read side by side
	 * ({@link ThingSpaceClient#deviceStatuses(String, java.util.Collection)}): one after another, 29 lost answers cost
	 * 29 round trips on top of their 29 permits of the rate limit. What is read is the same as {@link #sort} reads on
	 * its own, so the judgement is the same; it is only read sooner.
	 * @return per candidate id; a report that could not be read holds its failure, which {@link #sort} throws
	 */
	Map<String, DeviceReport> readDeviceReports(String account, List<LedgerCampaign> campaigns, List<Campaign> history) {
		Set<String> ids = new LinkedHashSet<>();
		for (LedgerCampaign campaign : campaigns) {
			for (Campaign candidate : history) {
				if (candidate.id() != null && !ids.contains(candidate.id()) && CampaignRequests.matches(campaign, candidate)
						&& this.ledger.holderOf(candidate.id(), campaign.id()).isEmpty()) {
					ids.add(candidate.id());
				}
			}
		}
		return ids.isEmpty() ? Map.of() : this.client.deviceStatuses(account, ids);
	}

	/**
	 * {@link #sort(LedgerCampaign, List, boolean, Set)} with device reports read beforehand
	 * ({@link #readDeviceReports}); a candidate whose report is not among them has it read now.
	 */
	Sorting sort(LedgerCampaign campaign, List<Campaign> history, boolean horizonPassed, Set<String> skip,
			Map<String, DeviceReport> readBefore) {
		List<Campaign> ours = new ArrayList<>();
		List<Judgement> cannotTellYet = new ArrayList<>();
		List<Judgement> notOurs = new ArrayList<>();
		List<String> sent = null;
		for (Campaign candidate : history) {
			if (candidate.id() == null || skip.contains(candidate.id()) || !CampaignRequests.matches(campaign, candidate)) {
				continue;
			}
			Optional<LedgerCampaign> holder = this.ledger.holderOf(candidate.id(), campaign.id());
			Judgement judgement;
			if (holder.isPresent()) {
				judgement = heldBy(candidate, holder.get());
			}
			else {
				sent = sent == null ? this.ledger.deviceList(campaign) : sent;
				judgement = byDevices(candidate, sent, listedDevices(campaign.account(), candidate.id(), readBefore),
						horizonPassed);
			}
			switch (judgement.kind()) {
				case OURS -> ours.add(candidate);
				case CANNOT_TELL_YET -> cannotTellYet.add(judgement);
				case NOT_OURS -> notOurs.add(judgement);
			}
		}
		return new Sorting(ours, cannotTellYet, notOurs);
	}

	/** The log line for a candidate set aside. */
	static String setAside(LedgerCampaign campaign, Judgement judgement) {
		return "Campaign '" + campaign.name() + "' (ledger campaign " + campaign.id() + "): ThingSpace campaign "
				+ judgement.candidate().id() + " has its name and dates but is not ours, set aside: " + judgement.why();
	}

	static Judgement heldBy(Campaign candidate, LedgerCampaign holder) {
		return new Judgement(candidate, Kind.NOT_OURS, "its id is already held by ledger campaign " + holder.id() + " ('"
				+ holder.name() + "', job instance " + holder.jobInstanceId() + ", " + holder.state() + ")");
	}

	/**
	 * The device test: {@code listed} (the candidate's device report) against {@code sent} (the devices of our
	 * request).
	 */
	static Judgement byDevices(Campaign candidate, Collection<String> sent, Collection<String> listed,
			boolean horizonPassed) {
		Set<String> ours = new HashSet<>(sent);
		Set<String> theirs = new HashSet<>(listed);
		if (theirs.equals(ours)) {
			return new Judgement(candidate, Kind.OURS, "it holds exactly the " + ours.size() + " devices we sent");
		}
		Set<String> common = new HashSet<>(theirs);
		common.retainAll(ours);
		if (ours.containsAll(theirs) && !horizonPassed) {
			return new Judgement(candidate, Kind.CANNOT_TELL_YET, "its device report lists " + theirs.size() + " of the "
					+ ours.size() + " devices we sent and no other; ThingSpace may not have listed them all yet");
		}
		return new Judgement(candidate, Kind.NOT_OURS, "other devices: it holds " + theirs.size() + ", we sent "
				+ ours.size() + ", " + common.size() + " in common");
	}

	private List<String> listedDevices(String account, String campaignId, Map<String, DeviceReport> readBefore) {
		DeviceReport report = readBefore.get(campaignId);
		List<String> devices = new ArrayList<>();
		for (DeviceStatus device : report != null ? report.devicesOrThrow()
				: this.client.deviceStatuses(account, campaignId)) {
			devices.add(device.deviceId());
		}
		return devices;
	}
}
