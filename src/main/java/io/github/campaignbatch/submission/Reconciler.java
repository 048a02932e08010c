package io.github.campaignbatch.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.campaignbatch.submission.HistoryCandidates.Judgement;
import io.github.campaignbatch.submission.HistoryCandidates.Sorting;
import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceClient.DeviceReport;
import io.github.campaignbatch.thingspace.ThingSpaceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles campaigns whose POST may or may not have created them ({@code SUBMITTING} after a crash,
 * {@code UNKNOWN} after a timeout, a 5xx or a dropped connection) by looking for them in the vendor's campaign
 * history, in every known status.
 * A campaign of the same name and dates is ours only when it is provably ours ({@link HistoryCandidates}: its
 * device report lists exactly the devices we sent, and no other ledger row holds its id); one that is not is set
 * aside, with a log line saying which and why.
 * <ul>
 * <li>Exactly one ours, and no candidate that cannot be told yet: SCHEDULED with the vendor's id.</li>
 * <li>None ours, by a read that began at least the visibility horizon after the campaign's last POST: it was not
 * created; PLANNED again, safe to send.</li>
 * <li>None ours earlier than that, a candidate whose device report may not be complete yet, several ours, or the
 * history or a device report could not be read: still in doubt (UNKNOWN), with a note saying until when. The
 * history and the device report lag behind the vendor's writes: "not there yet" is not "not created", and a device
 * list still filling in is not "other devices". Nothing is ever sent on a guess.</li>
 * </ul>
 * The device reports that one read of the history calls for (a candidate each, for every campaign in doubt) are read
 * side by side right after it, not one after another while judging: at the end of a submit step with 29 lost answers
 * they were 29 round trips in a row, most of the wait for the campaigns in doubt.
 */
public class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

	/** What reconciling one campaign concluded. */
	public enum Verdict {
		/** It exists at the vendor; the ledger now says SCHEDULED. */
		FOUND,
		/** It does not exist; the ledger now says PLANNED. */
		NOT_FOUND,
		/** Still in doubt (UNKNOWN): too early to tell, the history could not be read, or it was ambiguous. */
		UNDECIDED
	}

	private final SubmissionLedger ledger;

	private final ThingSpaceClient client;

	private final Clock clock;

	private final Duration visibilityHorizon;

	private final HistoryCandidates candidates;

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	public Reconciler(SubmissionLedger ledger, ThingSpaceClient client, Clock clock, Duration visibilityHorizon) {
		this.ledger = ledger;
		this.client = client;
		this.clock = clock;
		this.visibilityHorizon = visibilityHorizon;
		this.candidates = new HistoryCandidates(ledger, client);
	}

	public Duration visibilityHorizon() {
		return this.visibilityHorizon;
	}

	/** Reconciles every campaign of the job instance that needs it, reading each account's history once. */
	public Map<Verdict, Integer> reconcileAll(long jobInstanceId) {
		Map<Long, Verdict> verdicts = reconcile(this.ledger.inDoubt(jobInstanceId).stream().map(LedgerCampaign::id).toList());
		Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
		verdicts.values().forEach(verdict -> counts.merge(verdict, 1, Integer::sum));
		return counts;
	}

	/**
	 * Reconciles the given campaigns (those no longer in doubt are left alone), reading each account's history once
	 * for all of them.
	 * @return the verdict per campaign still in doubt when the call began
	 */
	public Map<Long, Verdict> reconcile(Collection<Long> campaignIds) {
		Map<String, List<LedgerCampaign>> byAccount = new LinkedHashMap<>();
		for (long id : campaignIds) {
			LedgerCampaign campaign = this.ledger.find(id);
			if (campaign.state().needsReconciliation()) {
				byAccount.computeIfAbsent(campaign.account(), account -> new ArrayList<>()).add(campaign);
			}
		}
		Map<Long, Verdict> verdicts = new LinkedHashMap<>();
		byAccount.forEach((account, campaigns) -> {
			// The read's start is what counts: a campaign created before it began may still be missing from it.
			Instant readStartedAt = this.clock.instant();
			List<Campaign> history = historyOrNull(account);
			// Read again: a worker may have settled some while the history was being read.
			List<LedgerCampaign> stillInDoubt = campaigns.stream().map(campaign -> this.ledger.find(campaign.id()))
				.filter(campaign -> campaign.state().needsReconciliation())
				.toList();
			Map<String, DeviceReport> deviceReports = history == null ? Map.of()
					: this.candidates.readDeviceReports(account, stillInDoubt, history);
			for (LedgerCampaign campaign : stillInDoubt) {
				LedgerCampaign current = this.ledger.find(campaign.id());
				if (current.state().needsReconciliation()) {
					verdicts.put(current.id(), settle(current, history, readStartedAt, deviceReports));
				}
			}
		});
		return verdicts;
	}

	/** Reconciles one campaign with a fresh read of its account's history. */
	public Verdict reconcile(LedgerCampaign campaign) {
		return reconcile(List.of(campaign.id())).getOrDefault(campaign.id(), Verdict.UNDECIDED);
	}

	/** The note an in-doubt campaign carries: what UNKNOWN means here and when it will be settled. */
	public String inDoubtNote(Instant lastSentAt, String why) {
		return "in doubt, settled after " + TIME.format(lastSentAt.plus(this.visibilityHorizon))
				+ " UTC: " + why + "; ThingSpace's history may show a new campaign up to "
				+ describe(this.visibilityHorizon) + " late (campaign.submission.visibility-horizon), so a run or"
				+ " restart after that time settles it: found means SCHEDULED, still absent means sent again";
	}

	private Verdict settle(LedgerCampaign campaign, List<Campaign> history, Instant readStartedAt,
			Map<String, DeviceReport> deviceReports) {
		if (history == null) {
			inDoubt(campaign, "the campaign history could not be read");
			return Verdict.UNDECIDED;
		}
		boolean horizonPassed = !readStartedAt.isBefore(campaign.settleableAfter(this.visibilityHorizon));
		Sorting sorting;
		try {
			sorting = this.candidates.sort(campaign, history, horizonPassed, Set.of(), deviceReports);
		}
		catch (ThingSpaceException ex) {
			log.warn("Cannot read the device report of a campaign named '{}' in ThingSpace's history: {}", campaign.name(),
					ex.getMessage());
			inDoubt(campaign, "the device report of a campaign of that name at ThingSpace could not be read");
			return Verdict.UNDECIDED;
		}
		sorting.notOurs().forEach(judgement -> logOnce(campaign, judgement, HistoryCandidates.setAside(campaign, judgement)));
		Optional<Campaign> ours = sorting.theOneThatIsOurs();
		if (ours.isPresent()) {
			return claim(campaign, ours.get());
		}
		if (sorting.ours().size() > 1) {
			this.ledger.markInDoubt(campaign.id(), campaign.state(), sorting.ours().size() + " campaigns named '"
					+ campaign.name() + "' with these dates and exactly our devices exist at ThingSpace: check them in the"
					+ " portal; nothing was resent");
			return Verdict.UNDECIDED;
		}
		if (!sorting.cannotTellYet().isEmpty()) {
			Judgement open = sorting.cannotTellYet().get(0);
			String why = "ThingSpace campaign " + open.candidate().id() + " has its name and dates, but " + open.why();
			logOnce(campaign, open, "Campaign '" + campaign.name() + "' (ledger campaign " + campaign.id()
					+ "): cannot tell yet whether it is ours: " + why);
			inDoubt(campaign, why);
			return Verdict.UNDECIDED;
		}
		String setAside = sorting.notOurs().isEmpty() ? ""
				: " (" + sorting.notOurs().size() + " of that name and dates there, not ours)";
		if (!horizonPassed) {
			inDoubt(campaign, "not in ThingSpace's history yet" + setAside);
			return Verdict.UNDECIDED;
		}
		this.ledger.markPlanned(campaign.id(), campaign.state());
		log.info("Campaign '{}' is not in ThingSpace's history{} {} after it was sent: it was not created and will be sent"
				+ " again", campaign.name(), setAside, describe(Duration.between(campaign.lastSentAt() == null
						? Instant.EPOCH : campaign.lastSentAt(), readStartedAt)));
		return Verdict.NOT_FOUND;
	}

	private Verdict claim(LedgerCampaign campaign, Campaign found) {
		if (this.ledger.claimFound(campaign.id(), campaign.state(), found.id(), found.status())) {
			log.info("Campaign '{}' was created though its answer was lost: found in ThingSpace's history as {} ({})",
					campaign.name(), found.id(), found.status());
			return Verdict.FOUND;
		}
		LedgerCampaign current = this.ledger.find(campaign.id());
		if (!current.state().needsReconciliation()) {
			// Settled meanwhile by someone else.
			return Verdict.FOUND;
		}
		// Another row recorded that id after it was checked: the next read sets the candidate aside.
		inDoubt(current, "ThingSpace campaign " + found.id() + " was recorded for another ledger campaign meanwhile");
		return Verdict.UNDECIDED;
	}

	/** One line per campaign and candidate for the life of the process, not one per re-read. */
	private void logOnce(LedgerCampaign campaign, Judgement judgement, String line) {
		if (this.logged.add(campaign.id() + "/" + judgement.candidate().id() + "/" + judgement.kind())) {
			log.info(line);
		}
	}

	private void inDoubt(LedgerCampaign campaign, String why) {
		String note = inDoubtNote(campaign.lastSentAt() == null ? Instant.EPOCH : campaign.lastSentAt(), why);
		if (campaign.state() == CampaignState.UNKNOWN) {
			this.ledger.noteUnknown(campaign.id(), note);
		}
		else {
			this.ledger.markInDoubt(campaign.id(), campaign.state(), note);
		}
	}

	private List<Campaign> historyOrNull(String account) {
		try {
			return this.client.campaignHistory(account, ThingSpaceClient.KNOWN_CAMPAIGN_STATUSES);
		}
		catch (ThingSpaceException ex) {
			log.warn("Cannot read the campaign history of account {}: {}", account, ex.getMessage());
			return null;
		}
	}

	/** A duration as an operator reads it: {@code 10 min}, {@code 90 s}, {@code 1 h 30 min}. */
	static String describe(Duration duration) {
		long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
		if (seconds < 120) {
			return seconds + " s";
		}
		long minutes = (seconds + 59) / 60;
		return minutes < 120 ? minutes + " min" : minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
	}
}
