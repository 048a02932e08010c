package io.github.campaignbatch.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * The submit step's writer: sends the chunk's campaigns concurrently, at most {@code maxInFlight} at a time
 * (the client's rate limiter paces them further). Each campaign's ledger transitions commit on their own, so
 * the chunk transaction holds nothing that a crash could lose.
 */
public class CampaignSubmissionWriter implements ItemStreamWriter<Long> {

	private final CampaignSubmitter submitter;

	private final int maxInFlight;

	private ExecutorService workers;

	public CampaignSubmissionWriter(CampaignSubmitter submitter, int maxInFlight) {
		this.submitter = submitter;
		this.maxInFlight = Math.max(1, maxInFlight);
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
		List<Future<CampaignState>> outcomes = new ArrayList<>();
		for (Long id : campaignIds) {
			outcomes.add(this.workers.submit(() -> this.submitter.submit(id)));
		}
		Exception first = null;
		for (Future<CampaignState> outcome : outcomes) {
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
	}

	@Override
	public void close() {
		if (this.workers != null) {
			this.workers.shutdownNow();
			this.workers = null;
		}
	}
}
