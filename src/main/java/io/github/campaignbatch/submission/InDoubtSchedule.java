package io.github.campaignbatch.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When the campaigns in doubt of one submit step have their history read, as plain functions of a {@link Clock}: no
 * thread, no database, no vendor. {@link InDoubtCampaigns} holds one under its lock and does the waiting, reading
 * and sending; this class only says when.
 * <ul>
 * <li>A campaign's first re-read is due {@code reconcile-delay} after its answer was lost, then twice as long after
 * each read that could not settle it (at least {@link #MIN_REREAD_INTERVAL}, at most
 * {@link SubmissionSettings#MAX_REREAD_INTERVAL}), and once more the moment its visibility horizon passes.</li>
 * <li>While the workers send, a due campaign before its horizon waits for company: a read is worth its requests
 * when {@link #EARLY_READ_BATCH} are due, one has been due for {@link SubmissionSettings#MAX_REREAD_INTERVAL}, or a
 * due one's horizon has passed; and no read starts sooner after the previous one than {@link #READ_SPACING} times
 * that read's duration.</li>
 * <li>Once {@link #draining}, nothing else is sent: a read is due as soon as any campaign's re-read is.</li>
 * <li>Waiting longer cannot help a campaign once a read began at or after its horizon (or, for a service, once a
 * read began after the drain did) and still could not settle it.</li>
 * </ul>
 * Not thread-safe: its owner locks.
 */
final class InDoubtSchedule {

	/** Re-reads of one campaign are at least this far apart, whatever the reconcile delay. */
	static final Duration MIN_REREAD_INTERVAL = Duration.ofMillis(500);

	/**
	 * Due campaigns that make a read before their horizon worth its requests while the workers send: a read costs at
	 * least one request per campaign status (nine) and one per page of the history.
	 */
	static final int EARLY_READ_BATCH = 50;

	/** While the workers send, a read starts no sooner after the previous one than this many times its duration. */
	static final int READ_SPACING = 9;

	private final Clock clock;

	private final Duration reconcileDelay;

	private final Map<Long, Entry> entries = new HashMap<>();

	private boolean readNow;

	private boolean draining;

	/** When the last read ended, and how long it took; {@code null} before the first. */
	private Instant lastReadEnded;

	private Duration lastReadTook = Duration.ZERO;

	InDoubtSchedule(Clock clock, Duration reconcileDelay) {
		this.clock = clock;
		this.reconcileDelay = reconcileDelay;
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * Takes a campaign whose answer was lost just now; its first re-read is the reconcile delay away.
	 * @return false when it was already in doubt (its schedule is kept)
	 */
	boolean add(long campaignId, Instant settleAfter) {
		if (this.entries.containsKey(campaignId)) {
			return false;
		}
		this.entries.put(campaignId, new Entry(now().plus(this.reconcileDelay), this.reconcileDelay, settleAfter));
		return true;
	}

	boolean contains(long campaignId) {
		return this.entries.containsKey(campaignId);
	}

	/** Settled (found, or proved not created): it leaves the schedule. */
	void remove(long campaignId) {
		this.entries.remove(campaignId);
	}

	int size() {
		return this.entries.size();
	}

	boolean isEmpty() {
		return this.entries.isEmpty();
	}

	Set<Long> campaignIds() {
		return Set.copyOf(this.entries.keySet());
	}

	/** The end of the step: nothing else is sent, so one read now and then one as soon as any re-read is due. */
	void draining() {
		this.draining = true;
		this.readNow = true;
	}

	/** Whether a read should start now. */
	boolean readDue() {
		if (this.entries.isEmpty()) {
			return false;
		}
		if (this.readNow) {
			return true;
		}
		Duration wait = untilNextRead();
		return wait.isZero() || wait.isNegative();
	}

	/**
	 * How long until the next read should start (zero or negative: now). While draining, when the first re-read is due.
	 * While sending: at a campaign's re-read when none is due yet; once some are, at once if a due one's horizon has
	 * passed or {@link #EARLY_READ_BATCH} are due, else at the first due one's re-read plus
	 * {@link SubmissionSettings#MAX_REREAD_INTERVAL} or a due one's horizon, whichever comes first; never before the
	 * previous read's spacing has passed.
	 */
	Duration untilNextRead() {
		Instant now = now();
		Instant firstDue = this.entries.values().stream().map(entry -> entry.nextRead).min(Instant::compareTo)
			.orElse(now.plus(SubmissionSettings.MAX_REREAD_INTERVAL));
		if (this.draining) {
			return Duration.between(now, firstDue);
		}
		Instant next;
		if (firstDue.isAfter(now)) {
			next = firstDue;
		}
		else {
			List<Entry> due = this.entries.values().stream().filter(entry -> !entry.nextRead.isAfter(now)).toList();
			boolean pastHorizon = due.stream().anyMatch(entry -> !entry.settleAfter.isAfter(now));
			Instant latest = firstDue.plus(SubmissionSettings.MAX_REREAD_INTERVAL);
			for (Entry entry : due) {
				latest = entry.settleAfter.isBefore(latest) ? entry.settleAfter : latest;
			}
			next = pastHorizon || due.size() >= EARLY_READ_BATCH ? now : latest;
		}
		if (this.lastReadEnded != null) {
			Instant spaced = this.lastReadEnded.plus(this.lastReadTook.multipliedBy(READ_SPACING));
			next = next.isBefore(spaced) ? spaced : next;
		}
		return Duration.between(now, next);
	}

	/** A read starts now, for every campaign in doubt: the pending "read now" is honoured. */
	Instant readStarted() {
		this.readNow = false;
		return now();
	}

	/** The read begun at {@code started} ended now: the next one is spaced by its duration. */
	void readEnded(Instant started) {
		this.lastReadEnded = now();
		this.lastReadTook = Duration.between(started, this.lastReadEnded);
	}

	/**
	 * The read begun at {@code started} could not settle the campaign: its next re-read backs off (when this read was
	 * the one it was due for), and comes the moment {@code settleAfter}, its horizon as the ledger now says (null: unchanged), passes.
	 */
	void undecided(long campaignId, Instant started, Instant settleAfter) {
		Entry entry = this.entries.get(campaignId);
		if (entry != null) {
			entry.afterRead(started, now(), settleAfter == null ? entry.settleAfter : settleAfter);
		}
	}

	/**
	 * Whether waiting longer can no longer help any campaign in doubt: with {@code untilHorizon}, each has had a read
	 * begun at or after its horizon; without, each has had a read begun at or after {@code since}.
	 */
	boolean waitingCannotHelp(boolean untilHorizon, Instant since) {
		return this.entries.values().stream()
			.allMatch(entry -> untilHorizon ? entry.pastHorizon() : entry.readSince(since));
	}

	/** The latest horizon of the campaigns in doubt: how long {@link InDoubtCampaigns#drain} waits at most. */
	Duration untilLatestHorizon() {
		Instant now = now();
		Instant latest = this.entries.values().stream().map(entry -> entry.settleAfter).max(Instant::compareTo)
			.orElse(now);
		return latest.isAfter(now) ? Duration.between(now, latest) : Duration.ZERO;
	}

	/** When this campaign's own re-read is due; for tests. */
	Instant nextRead(long campaignId) {
		return this.entries.get(campaignId).nextRead;
	}

	/** When one campaign's history is read next, and how long the wait after that grows to. */
	private static final class Entry {

		private Instant nextRead;

		private Duration interval;

		private Instant settleAfter;

		private Instant lastReadStartedAt;

		Entry(Instant nextRead, Duration interval, Instant settleAfter) {
			this.nextRead = nextRead;
			this.interval = interval;
			this.settleAfter = settleAfter;
		}

		boolean readSince(Instant instant) {
			return this.lastReadStartedAt != null && !this.lastReadStartedAt.isBefore(instant);
		}

		boolean pastHorizon() {
			return this.lastReadStartedAt != null && !this.lastReadStartedAt.isBefore(this.settleAfter);
		}

		void afterRead(Instant started, Instant now, Instant settleAfter) {
			this.settleAfter = settleAfter;
			this.lastReadStartedAt = started;
			if (!this.nextRead.isAfter(started)) {
				Duration doubled = this.interval.multipliedBy(2);
				this.interval = doubled.compareTo(MIN_REREAD_INTERVAL) < 0 ? MIN_REREAD_INTERVAL
						: doubled.compareTo(SubmissionSettings.MAX_REREAD_INTERVAL) > 0
								? SubmissionSettings.MAX_REREAD_INTERVAL : doubled;
				this.nextRead = now.plus(this.interval);
			}
			if (started.isBefore(settleAfter) && this.nextRead.isAfter(settleAfter)) {
				// The first read that may prove "not created" is due the moment the horizon has passed.
				this.nextRead = settleAfter;
			}
		}
	}
}
