package io.github.campaignbatch.submission;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.campaignbatch.submission.HistoryCandidates.Sorting;
import io.github.campaignbatch.thingspace.Campaign;
import io.github.campaignbatch.thingspace.ThingSpaceClient;
import io.github.campaignbatch.thingspace.ThingSpaceException;
import io.github.campaignbatch.thingspace.ThingSpaceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ledger that can be forgotten: before the first POST of an input this database has no record of sending (a
 * new job instance, perhaps because the database was deleted or another one is in use), the input's campaigns are
 * looked up in the vendor's history, and those found are recorded as SCHEDULED with the vendor's id instead of
 * being sent again.
 * <p>
 * A campaign at the vendor is taken for one of ours only when it is provably ours ({@link HistoryCandidates}): its
 * name, dates, time windows and distribution type match (the history has no file name or version), no other
 * campaign of this database holds its id, and its device report lists exactly the devices we would send. That holds
 * for generated names too: the 8 hex digits of the input's hash they carry make a collision unlikely, not
 * impossible, and one device-report read per candidate is cheap next to the POST it saves. A user who reuses a name
 * and dates for other devices gets a new campaign; each candidate set aside is named in the log with the reason.
 * Two or more candidates for one campaign: it is not sent, but left in doubt (UNKNOWN) for a person to check.
 * <p>
 * We never sent these campaigns, so there is no send of ours to count a visibility horizon from: a candidate whose
 * device report lists only some of our devices is not ours. The history lags behind the vendor's writes: a campaign
 * created less than the visibility horizon before this look-up may not show yet (or not list all its devices), and
 * would then be sent again. That residual risk is documented (docs/operations.md); the vendor's own rule that a
 * device cannot be in two active campaigns rejects such repeats.
 */
public class VendorHistoryLookup {

	private static final Logger log = LoggerFactory.getLogger(VendorHistoryLookup.class);

	private final SubmissionLedger ledger;

	private final ThingSpaceClient client;

	private final HistoryCandidates candidates;

	public VendorHistoryLookup(SubmissionLedger ledger, ThingSpaceClient client) {
		this.ledger = ledger;
		this.client = client;
		this.candidates = new HistoryCandidates(ledger, client);
	}

	/**
	 * Records as SCHEDULED the job instance's PLANNED campaigns that the vendor already has.
	 * @return how many were found
	 * @throws VendorHistoryUnreadableException the history could not be read: nothing may be sent on a guess
	 */
	public int adoptCampaignsTheVendorHas(long jobInstanceId) {
		Map<String, List<LedgerCampaign>> byAccount = new LinkedHashMap<>();
		for (LedgerCampaign campaign : this.ledger.inState(jobInstanceId, CampaignState.PLANNED)) {
			byAccount.computeIfAbsent(campaign.account(), account -> new ArrayList<>()).add(campaign);
		}
		int planned = byAccount.values().stream().mapToInt(List::size).sum();
		int found = 0;
		int ambiguous = 0;
		for (Map.Entry<String, List<LedgerCampaign>> account : byAccount.entrySet()) {
			List<Campaign> history;
			try {
				history = this.client.campaignHistory(account.getKey(), ThingSpaceClient.KNOWN_CAMPAIGN_STATUSES);
			}
			catch (ThingSpaceException ex) {
				throw unreadable(account.getKey(), ex);
			}
			Set<String> claimed = new HashSet<>();
			for (LedgerCampaign campaign : account.getValue()) {
				Sorting sorting;
				try {
					sorting = this.candidates.sort(campaign, history, true, claimed);
				}
				catch (ThingSpaceException ex) {
					throw unreadable(account.getKey(), ex);
				}
				sorting.notOurs().forEach(judgement -> log.info(HistoryCandidates.setAside(campaign, judgement)));
				List<Campaign> ours = sorting.ours();
				if (ours.size() == 1) {
					Campaign remote = ours.get(0);
					claimed.add(remote.id());
					if (this.ledger.markFoundAtVendor(campaign.id(), remote.id(), remote.status(),
							"already at ThingSpace before this database sent it (found in its history); not sent again")) {
						found++;
					}
				}
				else if (ours.size() > 1) {
					ours.forEach(remote -> claimed.add(remote.id()));
					this.ledger.markInDoubt(campaign.id(), CampaignState.PLANNED, ours.size() + " campaigns named '"
							+ campaign.name() + "' with these dates and exactly these devices already exist at ThingSpace:"
							+ " check them in the portal; nothing was sent");
					ambiguous++;
				}
			}
		}
		if (found > 0) {
			log.info("{} of {} campaigns of this input are already at ThingSpace (found in its history, e.g. sent by a run"
					+ " whose database is lost): recorded as SCHEDULED, not sent again", found, planned);
		}
		if (ambiguous > 0) {
			log.warn("{} campaigns of this input match more than one campaign at ThingSpace: not sent, left UNKNOWN for"
					+ " you to check in the portal", ambiguous);
		}
		return found;
	}

	private static RuntimeException unreadable(String account, ThingSpaceException cause) {
		if (cause instanceof ThingSpaceUnavailableException) {
			return new ThingSpaceUnreachableException("ThingSpace is unreachable (" + cause.getMessage()
					+ "); nothing was sent", cause);
		}
		return new VendorHistoryUnreadableException(account, cause);
	}

	/** The look-up could not be made; the step fails before anything is sent, and the next run tries again. */
	public static class VendorHistoryUnreadableException extends RuntimeException {

		VendorHistoryUnreadableException(String account, ThingSpaceException cause) {
			super("Cannot look this input's campaigns up in ThingSpace's history (account " + account
					+ ") before sending them for the first time: " + cause.getMessage() + "; nothing was sent", cause);
		}
	}
}
