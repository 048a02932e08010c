package io.github.campaignbatch.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.github.campaignbatch.submission.Reconciler.Verdict;
import io.github.campaignbatch.thingspace.AuthenticationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaigns of one submit step whose POST may have created them (UNKNOWN), and the one thread that settles
 * them while the workers go on sending the others. It re-reads the vendor's history with backoff: first
 * {@code reconcile-delay} after the answer was lost, then twice as long each time (at most
 * {@link SubmissionSettings#MAX_REREAD_INTERVAL}), and once more as soon as the campaign's visibility horizon has
 * passed, the first moment a read may prove it was not created. One read of an account's history settles every
 * campaign of that account in doubt. A campaign proved not created is sent again from this thread.
 * <p>
 * A read is one request per campaign status and page, taken from the same rate allowance as the POSTs. While the
 * workers are sending, a read before any due campaign's horizon can only find campaigns that the end-of-step read
 * would find anyway, so it is put off until it is worth its requests: until {@link #EARLY_READ_BATCH} campaigns are
 * due, or one has been due for {@link SubmissionSettings#MAX_REREAD_INTERVAL}. And no read while sending starts
 * sooner after the previous one than {@link #READ_SPACING} times that read's duration: reads take at most about a
 * tenth of the time, however long the history grows. Neither rule touches when a campaign may be declared not
 * created (a read begun at least the horizon after its last POST); they only decide how often the history is read.
 * <p>
 * At the end of the step {@link #drain} waits for the rest, up to their horizon (or, in a service, for one more read);
 * nothing else is being sent then, so a read is due as soon as any campaign's re-read is. A stop ends the wait at
 * once and {@link #close} ends the settler: what is still in doubt stays so in the ledger for the next run.
 */
public class InDoubtCampaigns implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(InDoubtCampaigns.class);

	/** Re-reads of one campaign are at least this far apart, whatever the reconcile delay. */
	private static final Duration MIN_REREAD_INTERVAL = Duration.ofMillis(500);

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

	/** How soon {@link #drain} notices a stop: a SIGTERM is honoured within this, not at the horizon. */
	private static final Duration STOP_CHECK = Duration.ofMillis(250);

	/**
	 * Due campaigns that make a read before their horizon worth its requests while the workers send: a read costs at
	 * least one request per campaign status (nine) and one per page of the history.
	 */
	static final int EARLY_READ_BATCH = 50;

	/** While the workers send, a read starts no sooner after the previous one than this many times its duration. */
	static final int READ_SPACING = 9;

	private final SubmissionLedger ledger;

	private final Reconciler reconciler;

	private final CampaignSubmitter submitter;

	private final SubmissionSettings settings;

	private final Clock clock;

	private final Map<Long, Entry> entries = new HashMap<>();

	private Thread settler;

	private boolean readNow;

	/** Set by {@link #drain}: nothing else is being sent, reads no longer take requests from the workers. */
	private boolean draining;

	/** When the last read ended, and how long it took; {@code null} before the first. */
	private Instant lastReadEnded;

	private Duration lastReadTook = Duration.ZERO;

	private int resending;

	private boolean closed;

	private RuntimeException fatal;

	public InDoubtCampaigns(SubmissionLedger ledger, Reconciler reconciler, CampaignSubmitter submitter,
			SubmissionSettings settings, Clock clock) {
		this.ledger = ledger;
		this.reconciler = reconciler;
		this.submitter = submitter;
		this.settings = settings;
		this.clock = clock;
	}

	/** Takes a campaign in doubt (UNKNOWN or SUBMITTING after a crash) into care; a known one is left as it is. */
	public void add(long campaignId) {
		Instant settleAfter = this.ledger.find(campaignId).settleableAfter(this.settings.visibilityHorizon());
		synchronized (this) {
			if (this.closed || this.entries.containsKey(campaignId)) {
				return;
			}
			Duration delay = this.settings.reconcileDelay();
			this.entries.put(campaignId, new Entry(this.clock.instant().plus(delay), delay, settleAfter));
			startSettler();
			notifyAll();
		}
	}

	/** How many campaigns are in doubt right now. */
	public synchronized int size() {
		return this.entries.size();
	}

	/**
	 * Waits until no campaign is in doubt any more, or until waiting longer cannot help: with {@code untilHorizon},
	 * each remaining one has had a history read that began after its visibility horizon and still could not settle it
	 * (history unreadable, or ambiguous); without, each has had one read that began after this call (a service does
	 * not hold its other files for a horizon: a later tick settles them). Returns at once, whatever is in doubt, when
	 * {@code stopRequested} says so. Says how many are waited for and for how long at most, now and every 30 s.
	 * @return true when every campaign was settled (found, or proved not created and sent again)
	 */
	public boolean drain(Consumer<String> progress, BooleanSupplier stopRequested, boolean untilHorizon) {
		Instant nextProgress = Instant.MIN;
		Instant began = this.clock.instant();
		synchronized (this) {
			this.readNow = true;
			this.draining = true;
			notifyAll();
			while (true) {
				if (this.fatal != null) {
					throw this.fatal;
				}
				if (this.entries.isEmpty() && this.resending == 0) {
					return true;
				}
				if (this.closed || stopRequested.getAsBoolean()) {
					return false;
				}
				if (this.resending == 0 && this.entries.values().stream()
					.allMatch(entry -> untilHorizon ? entry.pastHorizon() : entry.readSince(began))) {
					return false;
				}
				Instant now = this.clock.instant();
				if (!now.isBefore(nextProgress) && !this.entries.isEmpty()) {
					progress.accept(waiting(now, untilHorizon));
					nextProgress = now.plus(PROGRESS_EVERY);
				}
				try {
					wait(STOP_CHECK.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
	}

	/** The progress line of {@link #drain}: how many, and how long at most. */
	private String waiting(Instant now, boolean untilHorizon) {
		int count = this.entries.size();
		String campaigns = count + (count == 1 ? " campaign" : " campaigns") + " in doubt";
		if (!untilHorizon) {
			return campaigns + ", one more look in ThingSpace's history (a later run settles what it does not find)";
		}
		Instant latest = this.entries.values().stream().map(Entry::settleAfter).max(Instant::compareTo).orElse(now);
		return campaigns + ", waiting for ThingSpace's history, at most "
				+ Reconciler.describe(Duration.between(now, latest).isNegative() ? Duration.ZERO : Duration.between(now, latest));
	}

	/**
	 * Ends the settler: at once when it waits, after its read or send when it is in one. Never by an interrupt: one
	 * landing in a database call closes H2's file channel under every other connection of the process.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
		notifyAll();
	}

	private void startSettler() {
		if (this.settler == null) {
			this.settler = new Thread(this::settle, "in-doubt-settler");
			this.settler.setDaemon(true);
			this.settler.start();
		}
	}

	private void settle() {
		while (true) {
			List<Long> ids;
			synchronized (this) {
				try {
					while (!this.closed && !dueNow()) {
						wait(Math.max(1, untilNextRead().toMillis()));
					}
				}
				catch (InterruptedException ex) {
					return;
				}
				if (this.closed) {
					return;
				}
				this.readNow = false;
				ids = new ArrayList<>(this.entries.keySet());
			}
			read(ids);
		}
	}

	/** One history read for every campaign in doubt, whether its own re-read was due or not. */
	private void read(List<Long> ids) {
		Instant started = this.clock.instant();
		Map<Long, Verdict> verdicts;
		try {
			verdicts = this.reconciler.reconcile(ids);
		}
		catch (RuntimeException ex) {
			// A database hiccup: try again on the next round, nothing was decided. After a stop, the application may be
			// closing under this read: nothing to say then, the next run reads again.
			if (!isClosed()) {
				log.warn("Could not reconcile the campaigns in doubt: {}", ex.toString());
			}
			verdicts = Map.of();
		}
		Instant ended = this.clock.instant();
		synchronized (this) {
			this.lastReadEnded = ended;
			this.lastReadTook = Duration.between(started, ended);
		}
		List<Long> resend = new ArrayList<>();
		Map<Long, Instant> settleAfter = new HashMap<>();
		for (long id : ids) {
			Verdict verdict = verdicts.get(id);
			if (verdict == Verdict.UNDECIDED) {
				settleAfter.put(id, this.ledger.find(id).settleableAfter(this.settings.visibilityHorizon()));
			}
		}
		synchronized (this) {
			Instant now = this.clock.instant();
			for (long id : ids) {
				Verdict verdict = verdicts.get(id);
				Entry entry = this.entries.get(id);
				if (entry == null) {
					continue;
				}
				if (verdict == Verdict.NOT_FOUND) {
					this.entries.remove(id);
					resend.add(id);
				}
				else if (verdict == Verdict.UNDECIDED || (verdict == null && verdicts.isEmpty())) {
					entry.afterRead(started, now, settleAfter.getOrDefault(id, entry.settleAfter));
				}
				else {
					// FOUND, or settled meanwhile by someone else
					this.entries.remove(id);
				}
			}
			this.resending += resend.size();
			notifyAll();
		}
		for (long id : resend) {
			try {
				if (isClosed()) {
					// Stopped: proved not created, it is PLANNED and the next run sends it.
					continue;
				}
				CampaignState state = this.submitter.send(id);
				if (state.needsReconciliation()) {
					add(id);
				}
			}
			catch (AuthenticationFailedException ex) {
				synchronized (this) {
					this.fatal = ex;
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not send campaign {} again: {}", id, ex.toString());
			}
			finally {
				synchronized (this) {
					this.resending--;
					notifyAll();
				}
			}
		}
	}

	private synchronized boolean isClosed() {
		return this.closed;
	}

	private boolean dueNow() {
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
	 * How long until the next read should start: at once when draining and a re-read is due; while sending, when a
	 * due campaign's horizon has passed, when {@link #EARLY_READ_BATCH} are due or one has been due for
	 * {@link SubmissionSettings#MAX_REREAD_INTERVAL}, and not before the previous read's spacing has passed.
	 */
	private Duration untilNextRead() {
		Instant now = this.clock.instant();
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
			// Each campaign's re-read comes at most a minute late, batched with the others due by then, and at once
			// when its horizon passes meanwhile.
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

		Instant settleAfter() {
			return this.settleAfter;
		}

		/** A read began at or after {@code instant} (and could not settle it). */
		boolean readSince(Instant instant) {
			return this.lastReadStartedAt != null && !this.lastReadStartedAt.isBefore(instant);
		}

		/** A read began after the horizon and still could not settle it: waiting longer will not help this run. */
		boolean pastHorizon() {
			return this.lastReadStartedAt != null && !this.lastReadStartedAt.isBefore(this.settleAfter);
		}

		void afterRead(Instant started, Instant now, Instant settleAfter) {
			this.settleAfter = settleAfter;
			this.lastReadStartedAt = started;
			if (!this.nextRead.isAfter(started)) {
				Duration doubled = this.interval.multipliedBy(2);
				this.interval = doubled.compareTo(MIN_REREAD_INTERVAL) < 0 ? MIN_REREAD_INTERVAL
						: doubled.compareTo(SubmissionSettings.MAX_REREAD_INTERVAL) > 0 ? SubmissionSettings.MAX_REREAD_INTERVAL
								: doubled;
				this.nextRead = now.plus(this.interval);
			}
			if (started.isBefore(settleAfter) && this.nextRead.isAfter(settleAfter)) {
				// The first read that may prove "not created" is due the moment the horizon has passed.
				this.nextRead = settleAfter;
			}
		}
	}
}
