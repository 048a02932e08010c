package io.github.campaignbatch.thingspace;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Runs an attempt under Spring's {@link RetryTemplate} and turns the last failure into the public
 * outcome once it stops.
 * <p>
 * Which failures are retried is the policy's predicate: only {@link TransientFailure}s, and for a
 * request that must not be repeated ({@link Mode#ONLY_IF_NOT_PROCESSED}) only those the server certainly
 * did not process. The number of attempts is the policy's {@link FixedBackOff}. The wait itself is ours:
 * the template's backoff is zero. Without {@code Retry-After} the {@link RetryListener#beforeRetry} hook
 * waits through the injectable {@link Sleeper} for the exponential {@link Backoff}, this thread alone. With
 * one, the transport has already paused every thread of the client until then ({@link ServerPause}), and the
 * retry waits there with the others. A {@code Retry-After} longer than {@code retry.max-backoff} ends the
 * retries instead: holding a worker thread for minutes is worse than reporting "try later".
 */
final class Retrier {

	/** Whether an attempt whose outcome is unknown may be repeated. */
	private enum Mode {
		/** Reads, cancels, token requests: repeating them cannot create anything. */
		IDEMPOTENT,
		/** Creating calls and logins: repeat only what the server certainly did not process. */
		ONLY_IF_NOT_PROCESSED
	}

	private static final Logger log = LoggerFactory.getLogger(Retrier.class);

	private final RetryTemplate idempotent;
	private final RetryTemplate onlyIfNotProcessed;

	Retrier(int maxAttempts, Backoff backoff, Duration maxBackoff, Sleeper sleeper) {
		Predicate<TransientFailure> waitAcceptable = f -> f.retryAfter() == null || f.retryAfter().compareTo(maxBackoff) <= 0;
		RetryListener waiter = new Waiter(backoff, sleeper);
		this.idempotent = template(maxAttempts, waitAcceptable, waiter);
		this.onlyIfNotProcessed = template(maxAttempts, waitAcceptable.and(TransientFailure::certainlyNotProcessed), waiter);
	}

	private static RetryTemplate template(int maxAttempts, Predicate<TransientFailure> retryable, RetryListener waiter) {
		RetryPolicy policy = RetryPolicy.builder()
				.backOff(new FixedBackOff(0, maxAttempts - 1L))
				.predicate(failure -> failure instanceof TransientFailure transientFailure && retryable.test(transientFailure))
				.build();
		RetryTemplate template = new RetryTemplate(policy);
		template.setRetryListener(waiter);
		return template;
	}

	/**
	 * Runs a request that may be repeated whatever happened to the previous attempt.
	 * @param target what is being done, like {@code GET /api/...}, for messages and logs
	 * @throws ThingSpaceUnavailableException when the retries ran out
	 */
	<T> T runIdempotent(String target, Supplier<T> attempt) {
		return run(target, Mode.IDEMPOTENT, null, attempt);
	}

	/**
	 * Runs a request that must not be repeated once it may have reached the server.
	 * @param whenAmbiguous the outcome of a failure after which the request may have been processed
	 * @throws ThingSpaceUnavailableException when the retries of not-processed attempts ran out
	 */
	<T> T runOnlyIfNotProcessed(String target, Function<TransientFailure, ThingSpaceException> whenAmbiguous,
			Supplier<T> attempt) {
		return run(target, Mode.ONLY_IF_NOT_PROCESSED, whenAmbiguous, attempt);
	}

	private <T> T run(String target, Mode mode, Function<TransientFailure, ThingSpaceException> whenAmbiguous,
			Supplier<T> attempt) {
		RetryTemplate template = mode == Mode.IDEMPOTENT ? this.idempotent : this.onlyIfNotProcessed;
		try {
			return template.execute(new Retryable<T>() {

				@Override
				public T execute() {
					return attempt.get();
				}

				@Override
				public String getName() {
					return target;
				}
			});
		}
		catch (RetryException ex) {
			Throwable last = ex.getLastException();
			if (last instanceof TransientFailure failure) {
				if (failure.certainlyNotProcessed() || mode == Mode.IDEMPOTENT) {
					throw unavailable(target, ex.getExceptions().size(), failure);
				}
				throw whenAmbiguous.apply(failure);
			}
			if (last instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (last instanceof Error error) {
				throw error;
			}
			throw new ThingSpaceException(target + " failed: " + last, last);
		}
	}

	private static ThingSpaceUnavailableException unavailable(String target, int attempts, TransientFailure failure) {
		String wait = failure.retryAfter() == null ? ""
				: "; the server asked to wait " + failure.retryAfter().toSeconds() + " s";
		return new ThingSpaceUnavailableException(target + " not done after " + attempts
				+ (attempts == 1 ? " attempt" : " attempts") + ", safe to send again later: " + failure.getMessage() + wait,
				failure.retryAfter(), failure);
	}

	/** Waits before each retry, through the sleeper so that tests need not spend the time. */
	private static final class Waiter implements RetryListener {

		private final Backoff backoff;
		private final Sleeper sleeper;

		Waiter(Backoff backoff, Sleeper sleeper) {
			this.backoff = backoff;
			this.sleeper = sleeper;
		}

		@Override
		public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState retryState) {
			Throwable last = retryState.getLastException();
			Duration retryAfter = last instanceof TransientFailure failure ? failure.retryAfter() : null;
			if (retryAfter != null) {
				// the transport has paused every thread until then (ServerPause); this one waits there too
				log.info("{}; retry {} once the {} ms the server asked for have passed",
						last.getMessage(), retryState.getRetryCount(), retryAfter.toMillis());
				return;
			}
			Duration wait = this.backoff.beforeRetry(retryState.getRetryCount());
			log.info("{}; retry {} in {} ms", last == null ? retryable.getName() : last.getMessage(),
					retryState.getRetryCount(), wait.toMillis());
			try {
				this.sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				// thrown from the listener, this leaves the RetryTemplate at once
				throw new ThingSpaceUnavailableException("Interrupted while waiting to retry " + retryable.getName(),
						null, ex);
			}
		}
	}
}
