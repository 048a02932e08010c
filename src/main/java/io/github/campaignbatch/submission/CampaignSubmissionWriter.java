package io.github.campaignbatch.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.campaignbatch.thingspace.ProcessStop;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The submit step's writer: sends the chunk's PLANNED campaigns concurrently, at most {@code maxInFlight} at a
 * time (the client's rate limiter paces them further), and hands every campaign in doubt to
 * {@link InDoubtCampaigns} instead of waiting for it. Each campaign's ledger transitions commit on their own, so
 * the chunk transaction holds nothing that a crash could lose.
 * <p>
 * When {@code unreachable-after} campaigns in a row could not be sent at all (ThingSpace refused connections or
 * kept answering 429 until the retries ran out), ThingSpace is taken to be down: nothing more is sent, one line
 * says so, and the step fails so that the next run (or {@code schedule} tick) resumes.
 */
public class CampaignSubmissionWriter implements ItemStreamWriter<Long> {

	private final CampaignSubmitter submitter;

	private final InDoubtCampaigns inDoubt;

	private final SubmissionLedger ledger;

	private final int maxInFlight;

	private final int unreachableAfter;

	private final AtomicInteger notSentInARow = new AtomicInteger();

	private volatile String lastNotSent;

	private volatile boolean unreachable;

	private ExecutorService workers;

	public CampaignSubmissionWriter(CampaignSubmitter submitter, InDoubtCampaigns inDoubt, SubmissionLedger ledger,
			int maxInFlight, int unreachableAfter) {
		this.submitter = submitter;
		this.inDoubt = inDoubt;
		this.ledger = ledger;
		this.maxInFlight = Math.max(1, maxInFlight);
		this.unreachableAfter = Math.max(1, unreachableAfter);
	}

	/** The campaigns this writer found in doubt, for the step's listener to wait for. */
	public InDoubtCampaigns inDoubt() {
		return this.inDoubt;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(this.maxInFlight, runnable -> {
			Thread thread = new Thread(runnable, "submit-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void write(Chunk<? extends Long> campaignIds) throws Exception {
		List<Future<?>> outcomes = new ArrayList<>();
		for (Long id : campaignIds) {
			outcomes.add(this.workers.submit(() -> sendOne(id)));
		}
		Exception first = null;
		for (Future<?> outcome : outcomes) {
			try {
				outcome.get();
			}
			catch (ExecutionException ex) {
				// Let every in-flight campaign record its outcome before the step fails.
				if (first == null && ex.getCause() instanceof Exception cause) {
					first = cause;
				}
			}
		}
		if (first != null) {
			throw first;
		}
		// Requests a stop left unsent are not ThingSpace's doing: the step stops instead of failing.
		if (this.unreachable && !ProcessStop.requested()) {
			throw new ThingSpaceUnreachableException(this.unreachableAfter, this.lastNotSent);
		}
	}

	private void sendOne(long id) {
		if (this.unreachable) {
			return;
		}
		CampaignState state = this.submitter.send(id);
		if (state == CampaignState.FAILED) {
			this.lastNotSent = this.ledger.find(id).name();
			if (this.notSentInARow.incrementAndGet() >= this.unreachableAfter) {
				// Said once, by the step's failure (ThingSpaceUnreachableException), not by each worker.
				this.unreachable = true;
			}
			return;
		}
		this.notSentInARow.set(0);
		if (state.needsReconciliation()) {
			this.inDoubt.add(id);
		}
	}

	@Override
	public void close() {
		if (this.workers != null) {
			// Idle by now (write waits for every campaign); never interrupted: they write the ledger.
			this.workers.shutdown();
			this.workers = null;
		}
		this.inDoubt.close();
	}
}
