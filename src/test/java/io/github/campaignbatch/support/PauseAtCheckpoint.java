package io.github.campaignbatch.support;

import java.io.IOException;
import java.util.Locale;

import io.github.campaignbatch.job.StepCheckpointListener;

import org.springframework.core.env.Environment;

/**
 * Holds a child JVM's job at one {@link StepCheckpointListener.Checkpoint} ({@link ChildJvm#pauseAt}): prints
 * {@link #pausedAt} on stderr and waits, holding whatever the step holds, until the process is killed (the crash
 * tests: SIGKILL lands inside the step) or its standard input ends (then the job goes on).
 * <p>
 * A Spring source the child is given through {@code SPRING_MAIN_SOURCES}; deliberately not a component, so that no
 * context of the test JVM (whose class path holds this class too) ever picks it up by scanning.
 */
public final class PauseAtCheckpoint implements StepCheckpointListener {

	/** The property naming the checkpoint, set in the child's environment as {@code CAMPAIGN_BATCH_TEST_PAUSE_AT}. */
	static final String PROPERTY = "campaign-batch.test.pause-at";

	private final String pauseAt;

	public PauseAtCheckpoint(Environment environment) {
		this.pauseAt = environment.getRequiredProperty(PROPERTY);
	}

	/** What the child prints on stderr when it holds at {@code checkpoint}. */
	public static String pausedAt(Checkpoint checkpoint) {
		return "paused at " + name(checkpoint);
	}

	static String name(Checkpoint checkpoint) {
		return checkpoint.name().toLowerCase(Locale.ROOT);
	}

	@Override
	public void reached(Checkpoint checkpoint) {
		if (!this.pauseAt.equals(name(checkpoint))) {
			return;
		}
		System.err.println(pausedAt(checkpoint));
		System.err.flush();
		try {
			while (System.in.read() >= 0) {
				// until the input ends
			}
		}
		catch (IOException ex) {
			// no input to wait on: go on
		}
	}
}
