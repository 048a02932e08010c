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
 * them while the workers go on sending the others. When it reads the vendor's history is decided by an
 * {@link InDoubtSchedule} (backoff from {@code reconcile-delay}, a read the moment a horizon passes, reads batched and
 * spaced while the workers send); this class waits, reads and sends. One read of an account's history settles every
 * campaign of that account in doubt. A campaign proved not created is sent again from this thread.
 * <p>
 * A read is one request per campaign status and page, taken from the same rate allowance as the POSTs: while the
 * workers are sending, a read before any due campaign's horizon can only find campaigns that the end-of-step read
 * would find anyway, so the schedule puts it off until it is worth its requests. No scheduling rule touches when a
 * campaign may be declared not created (a read begun at least the horizon after its last POST, the
 * {@link Reconciler}'s rule); they only decide how often the history is read.
 * <p>
 * At the end of the step {@link #drain} waits for the rest, up to their horizon (or, in a service, for one more read);
 * nothing else is being sent then, so a read is due as soon as any campaign's re-read is. A stop ends the wait at
 * once and {@link #close} ends the settler: what is still in doubt stays so in the ledger for the next run.
 */
public class InDoubtCampaigns implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(InDoubtCampaigns.class);

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

	/** How soon {@link #drain} notices a stop: a SIGTERM is honoured within this, not at the horizon. */
	private static final Duration STOP_CHECK = Duration.ofMillis(250);

	private final SubmissionLedger ledger;

	private final Reconciler reconciler;

	private final CampaignSubmitter submitter;

	private final SubmissionSettings settings;

	/** Guarded by this object's lock. */
	private final InDoubtSchedule schedule;

	private Thread settler;

	private int resending;

	private boolean closed;

	private RuntimeException fatal;

	public InDoubtCampaigns(SubmissionLedger ledger, Reconciler reconciler, CampaignSubmitter submitter,
			SubmissionSettings settings, Clock clock) {
		this.ledger = ledger;
		this.reconciler = reconciler;
		this.submitter = submitter;
		this.settings = settings;
		this.schedule = new InDoubtSchedule(clock, settings.reconcileDelay());
	}

	/** Takes a campaign in doubt (UNKNOWN or SUBMITTING after a crash) into care; a known one is left as it is. */
	public void add(long campaignId) {
		Instant settleAfter = this.ledger.find(campaignId).settleableAfter(this.settings.visibilityHorizon());
		synchronized (this) {
			if (this.closed || !this.schedule.add(campaignId, settleAfter)) {
				return;
			}
			startSettler();
			notifyAll();
		}
	}

	/** How many campaigns are in doubt right now. */
	public synchronized int size() {
		return this.schedule.size();
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
		synchronized (this) {
			Instant began = this.schedule.now();
			this.schedule.draining();
			notifyAll();
			while (true) {
				if (this.fatal != null) {
					throw this.fatal;
				}
				if (this.schedule.isEmpty() && this.resending == 0) {
					return true;
				}
				if (this.closed || stopRequested.getAsBoolean()) {
					return false;
				}
				if (this.resending == 0 && this.schedule.waitingCannotHelp(untilHorizon, began)) {
					return false;
				}
				Instant now = this.schedule.now();
				if (!now.isBefore(nextProgress) && !this.schedule.isEmpty()) {
					progress.accept(waiting(untilHorizon));
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
	private String waiting(boolean untilHorizon) {
		int count = this.schedule.size();
		String campaigns = count + (count == 1 ? " campaign" : " campaigns") + " in doubt";
		if (!untilHorizon) {
			return campaigns + ", one more look in ThingSpace's history (a later run settles what it does not find)";
		}
		return campaigns + ", waiting for ThingSpace's history, at most "
				+ Reconciler.describe(this.schedule.untilLatestHorizon());
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
			Instant started;
			synchronized (this) {
				try {
					while (!this.closed && !this.schedule.readDue()) {
						wait(Math.max(1, this.schedule.untilNextRead().toMillis()));
					}
				}
				catch (InterruptedException ex) {
					return;
				}
				if (this.closed) {
					return;
				}
				started = this.schedule.readStarted();
				ids = new ArrayList<>(this.schedule.campaignIds());
			}
			read(ids, started);
		}
	}

	/** One history read for every campaign in doubt, whether its own re-read was due or not. */
	private void read(List<Long> ids, Instant started) {
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
		synchronized (this) {
			this.schedule.readEnded(started);
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
			for (long id : ids) {
				Verdict verdict = verdicts.get(id);
				if (!this.schedule.contains(id)) {
					continue;
				}
				if (verdict == Verdict.NOT_FOUND) {
					this.schedule.remove(id);
					resend.add(id);
				}
				else if (verdict == Verdict.UNDECIDED || (verdict == null && verdicts.isEmpty())) {
					this.schedule.undecided(id, started, settleAfter.get(id));
				}
				else {
					// FOUND, or settled meanwhile by someone else
					this.schedule.remove(id);
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
}
