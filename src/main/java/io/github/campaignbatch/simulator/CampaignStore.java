package io.github.campaignbatch.simulator;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every campaign the simulator created, per account in creation order, indexed by device to refuse a device
 * that another active campaign holds. One lock guards it all, so the device check and the creation are one
 * step; each change is written to the state file (when there is one) before the caller answers.
 */
final class CampaignStore {

	/** A page of campaign history, statuses resolved. */
	record HistoryPage(List<SimulatedCampaign> campaigns, boolean hasMoreData, String lastSeenCampaignId) {
	}

	/** A campaign that has been final this long is dropped when a state file is loaded. */
	static final java.time.Duration FORGET_FINAL_AFTER = java.time.Duration.ofDays(30);

	/** The history's "start from the beginning" marker. */
	static final String FIRST_PAGE = "0";

	private final StatusProgression progression;
	private final StateFile stateFile;
	private final Map<String, SimulatedCampaign> byId = new HashMap<>();
	private final Map<String, List<String>> idsByAccount = new HashMap<>();
	private final Map<String, Integer> positionInAccount = new HashMap<>();
	private final Map<String, List<String>> idsByAccountDevice = new HashMap<>();
	private long nextSequence = 1;
	private volatile Duration historyLag = Duration.ZERO;
	private long scheduleRequestCount;

	/** @param stateFile {@code null} to keep everything in memory */
	CampaignStore(StatusProgression progression, StateFile stateFile) {
		this.progression = progression;
		this.stateFile = stateFile;
		if (stateFile != null) {
			stateFile.read().ifPresent(this::restore);
		}
	}

	void historyLag(Duration lag) {
		if (lag == null || lag.isNegative()) {
			throw new IllegalArgumentException("the history lag must not be negative, was " + lag);
		}
		this.historyLag = lag;
	}

	/** Whether the campaign shows yet in the history and to GET: reads lag behind writes by the history lag. */
	boolean visible(SimulatedCampaign campaign) {
		return !campaign.createdAt().plus(this.historyLag).isAfter(this.progression.now());
	}

	synchronized void countScheduleRequest() {
		this.scheduleRequestCount++;
		persist();
	}

	synchronized long scheduleRequestCount() {
		return this.scheduleRequestCount;
	}

	/** Creates the campaign unless one of its devices is held by another active campaign of the account. */
	synchronized SimulatedCampaign create(String account, ScheduleRequest request, UploadedFile file) {
		for (String device : request.deviceList()) {
			for (String otherId : this.idsByAccountDevice.getOrDefault(deviceKey(account, device), List.of())) {
				if (this.progression.isActive(this.byId.get(otherId))) {
					throw ApiException.invalidParameter("Device " + device + " is already in active campaign " + otherId
							+ "; it must complete before another upgrade is scheduled");
				}
			}
		}
		SimulatedCampaign campaign = new SimulatedCampaign(UUID.randomUUID().toString(), account, this.nextSequence++,
				this.progression.now(), request.campaignName(), file.fileName(), file.fileVersion(),
				request.distributionType(), file.fileName(), null, file.fileVersion(), file.make(), file.model(),
				request.startDate().toString(), request.endDate().toString(), dateText(request.downloadAfterDate()),
				request.downloadTimeWindowList(), dateText(request.installAfterDate()), request.installTimeWindowList(),
				request.deviceList(), CampaignStatus.REQUEST_PENDING, null);
		add(campaign);
		persist();
		return campaign;
	}

	synchronized Optional<SimulatedCampaign> find(String account, String id) {
		SimulatedCampaign campaign = this.byId.get(id);
		return campaign != null && campaign.accountName().equals(account) ? Optional.of(campaign) : Optional.empty();
	}

	/**
	 * Cancels an active campaign, or aborts it once started.
	 *
	 * @return the updated campaign, empty when there is no such campaign
	 */
	synchronized Optional<SimulatedCampaign> cancel(String account, String id) {
		Optional<SimulatedCampaign> found = find(account, id);
		if (found.isEmpty()) {
			return found;
		}
		SimulatedCampaign campaign = found.get();
		if (!this.progression.isActive(campaign)) {
			throw ApiException.invalidParameter(
					"Campaign " + id + " cannot be cancelled in status " + this.progression.statusOf(campaign));
		}
		String status = this.progression.hasStarted(campaign) ? CampaignStatus.ABORTED : CampaignStatus.CANCELLED;
		SimulatedCampaign updated = campaign.withStatus(status, this.progression.now());
		this.byId.put(id, updated);
		persist();
		return Optional.of(updated);
	}

	/**
	 * Replaces a campaign's schedule by the vendor's rules: before it begins ({@link StatusProgression#hasBegun}) any
	 * dates and windows, the start not in the past; once begun, only a later end date, at least 24 hours from now
	 * (the day after today), and windows added, none removed.
	 *
	 * @return the changed campaign, empty when there is no such campaign
	 */
	synchronized Optional<SimulatedCampaign> changeDates(String account, String id, ChangeRequestParser.DatesRequest dates) {
		Optional<SimulatedCampaign> found = find(account, id);
		if (found.isEmpty()) {
			return found;
		}
		SimulatedCampaign campaign = found.get();
		requireActive(campaign, "its dates cannot be changed");
		LocalDate today = this.progression.today();
		if (this.progression.hasBegun(campaign)) {
			if (!dates.startDate().toString().equals(campaign.startDate())
					|| !Objects.equals(dateText(dates.downloadAfterDate()), campaign.downloadAfterDate())
					|| !Objects.equals(dateText(dates.installAfterDate()), campaign.installAfterDate())) {
				throw ApiException.invalidParameter("Campaign " + id + " has started: only its end date and time windows"
						+ " can be changed");
			}
			if (dates.endDate().isBefore(today.plusDays(1))) {
				throw ApiException.invalidParameter("Campaign " + id + " has started: its end date must be at least 24"
						+ " hours from now");
			}
			if (!holds(dates.downloadTimeWindowList(), campaign.downloadTimeWindowList())
					|| !holds(dates.installTimeWindowList(), campaign.installTimeWindowList())) {
				throw ApiException.invalidParameter("Campaign " + id + " has started: time windows can be added, not"
						+ " removed");
			}
		}
		else if (dates.startDate().isBefore(today)) {
			throw ApiException.invalidParameter(ScheduleRequestParser.INVALID_START_DATE);
		}
		SimulatedCampaign changed = campaign.withSchedule(dates.startDate().toString(), dates.endDate().toString(),
				dateText(dates.downloadAfterDate()), dates.downloadTimeWindowList(), dateText(dates.installAfterDate()),
				dates.installTimeWindowList());
		this.byId.put(id, changed);
		persist();
		return Optional.of(changed);
	}

	/**
	 * Appends and removes devices while the campaign is pending or queued. A device another active campaign of the
	 * account holds is refused, as at creation; one already in (or already out of) the campaign changes nothing.
	 *
	 * @return the changed campaign, empty when there is no such campaign
	 */
	synchronized Optional<SimulatedCampaign> changeDevices(String account, String id,
			ChangeRequestParser.DevicesRequest devices) {
		Optional<SimulatedCampaign> found = find(account, id);
		if (found.isEmpty()) {
			return found;
		}
		SimulatedCampaign campaign = found.get();
		String status = this.progression.statusOf(campaign);
		if (!CampaignStatus.REQUEST_PENDING.equals(status) && !CampaignStatus.REQUEST_QUEUED.equals(status)) {
			throw ApiException.invalidParameter("Devices can be added or removed only while the campaign is "
					+ CampaignStatus.REQUEST_PENDING + " or " + CampaignStatus.REQUEST_QUEUED + "; campaign " + id + " is "
					+ status);
		}
		Set<String> held = new LinkedHashSet<>(campaign.deviceList());
		List<String> appended = new ArrayList<>();
		for (String device : new LinkedHashSet<>(devices.append())) {
			if (held.contains(device)) {
				continue;
			}
			for (String otherId : this.idsByAccountDevice.getOrDefault(deviceKey(account, device), List.of())) {
				if (!otherId.equals(id) && this.progression.isActive(this.byId.get(otherId))) {
					throw ApiException.invalidParameter("Device " + device + " is already in active campaign " + otherId
							+ "; it must complete before another upgrade is scheduled");
				}
			}
			appended.add(device);
		}
		held.addAll(appended);
		List<String> removed = devices.remove().stream().filter(held::contains).distinct().toList();
		removed.forEach(held::remove);
		if (held.isEmpty()) {
			throw ApiException.invalidParameter(ScheduleRequestParser.DEVICE_LIST_EMPTY);
		}
		for (String device : appended) {
			this.idsByAccountDevice.computeIfAbsent(deviceKey(account, device), key -> new ArrayList<>(1)).add(id);
		}
		for (String device : removed) {
			List<String> ids = this.idsByAccountDevice.get(deviceKey(account, device));
			if (ids != null) {
				ids.remove(id);
			}
		}
		SimulatedCampaign changed = campaign.withDevices(List.copyOf(held));
		this.byId.put(id, changed);
		persist();
		return Optional.of(changed);
	}

	private void requireActive(SimulatedCampaign campaign, String what) {
		if (!this.progression.isActive(campaign)) {
			throw ApiException.invalidParameter("Campaign " + campaign.id() + " is " + this.progression.statusOf(campaign)
					+ ": " + what);
		}
	}

	/** Whether every window of {@code before} is still in {@code after}. */
	private static boolean holds(List<HourWindow> after, List<HourWindow> before) {
		return before == null || (after == null ? before.isEmpty() : after.containsAll(before));
	}

	/**
	 * Campaigns of the account whose status is now exactly {@code status}, after {@code lastSeenCampaignId}
	 * in creation order. Following the creation order rather than the filtered list keeps paging stable while
	 * statuses move between pages.
	 */
	synchronized HistoryPage history(String account, String status, String lastSeenCampaignId, int pageSize) {
		List<String> ids = this.idsByAccount.getOrDefault(account, List.of());
		int from = 0;
		if (!FIRST_PAGE.equals(lastSeenCampaignId)) {
			SimulatedCampaign lastSeen = find(account, lastSeenCampaignId)
					.orElseThrow(() -> ApiException.invalidParameter("LastSeenCampaignId Not Valid"));
			from = this.positionInAccount.get(lastSeen.id()) + 1;
		}
		List<SimulatedCampaign> page = new ArrayList<>();
		boolean hasMoreData = false;
		for (int i = from; i < ids.size(); i++) {
			SimulatedCampaign campaign = this.progression.resolve(this.byId.get(ids.get(i)));
			if (!campaign.status().equals(status) || !visible(campaign)) {
				continue;
			}
			if (page.size() == pageSize) {
				hasMoreData = true;
				break;
			}
			page.add(campaign);
		}
		String lastSeen = page.isEmpty() ? lastSeenCampaignId : page.get(page.size() - 1).id();
		return new HistoryPage(page, hasMoreData, lastSeen);
	}

	/** Every campaign as stored (status as last written), in creation order. */
	synchronized List<SimulatedCampaign> all() {
		List<SimulatedCampaign> campaigns = new ArrayList<>(this.byId.values());
		campaigns.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
		return campaigns;
	}

	/** Campaigns created per name, {@code ""} for campaigns sent without a name. */
	synchronized Map<String, Long> createdCountByCampaignName() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (SimulatedCampaign campaign : all()) {
			counts.merge(campaign.campaignName() == null ? "" : campaign.campaignName(), 1L, Long::sum);
		}
		return counts;
	}

	private void restore(StateFile.Contents contents) {
		List<SimulatedCampaign> inCreationOrder = new ArrayList<>(contents.campaigns());
		inCreationOrder.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
		java.time.Instant forgetBefore = this.progression.now().minus(FORGET_FINAL_AFTER);
		for (SimulatedCampaign campaign : inCreationOrder) {
			this.nextSequence = Math.max(this.nextSequence, campaign.sequence() + 1);
			if (!this.progression.isActive(campaign) && campaign.createdAt().isBefore(forgetBefore)) {
				// The file would otherwise grow with every demo run for ever.
				continue;
			}
			add(campaign);
		}
		this.nextSequence = Math.max(this.nextSequence, contents.nextSequence());
		this.scheduleRequestCount = contents.scheduleRequestCount();
	}

	private void add(SimulatedCampaign campaign) {
		this.byId.put(campaign.id(), campaign);
		List<String> accountIds = this.idsByAccount.computeIfAbsent(campaign.accountName(), account -> new ArrayList<>());
		this.positionInAccount.put(campaign.id(), accountIds.size());
		accountIds.add(campaign.id());
		for (String device : campaign.deviceList()) {
			this.idsByAccountDevice.computeIfAbsent(deviceKey(campaign.accountName(), device), key -> new ArrayList<>(1))
					.add(campaign.id());
		}
	}

	private void persist() {
		if (this.stateFile != null) {
			this.stateFile.write(new StateFile.Contents(StateFile.FORMAT, this.nextSequence, this.scheduleRequestCount, all()));
		}
	}

	private static String deviceKey(String account, String device) {
		return account + '\n' + device;
	}

	private static String dateText(LocalDate date) {
		return date == null ? null : date.toString();
	}
}
