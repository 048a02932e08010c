package io.github.campaignbatch.job;

/**
 * Hears that a long step reached a point inside it, on the step's thread, holding what the step holds there (its
 * transaction, the staging file, the temporary report). The job works without one; a bean of this type in the
 * application context is called at each {@link Checkpoint}. What it does there is its own business: the process tests
 * hold the job at a checkpoint so that a kill or a stop lands inside the step, not before or after it.
 */
@FunctionalInterface
public interface StepCheckpointListener {

	/** The default: the job goes on at once. */
	StepCheckpointListener NONE = checkpoint -> {
	};

	/** Where inside a step a listener is called. */
	enum Checkpoint {

		/** The load step, after its first chunk is staged. */
		LOAD,

		/** The group step, after grouping in the staging file and before the campaigns are planned in the ledger. */
		GROUP,

		/** The report step, after the first lines are written to the temporary report file. */
		REPORT
	}

	/** Called on the step's thread; the step goes on when this returns. */
	void reached(Checkpoint checkpoint);
}
