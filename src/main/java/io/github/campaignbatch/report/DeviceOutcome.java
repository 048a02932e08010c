package io.github.campaignbatch.report;

/**
 * The final outcome of one device entry, as the results report states it.
 */
public enum DeviceOutcome {
	/** Valid; its campaign is planned but not sent (dry run, or not submitted yet). */
	PLANNED,
	/** Its campaign was accepted by ThingSpace. */
	SCHEDULED,
	INVALID, DUPLICATE, CONFLICT,
	/** ThingSpace refused its campaign (HTTP 4xx); the vendor's code and message are kept. */
	REJECTED,
	/** Its campaign could not be sent (retries exhausted); a restart sends it. */
	FAILED,
	/** Its campaign may or may not exist at ThingSpace; a restart reconciles before sending anything. */
	UNKNOWN,
	/** Taken out of its scheduled campaign by {@code amend --remove}. */
	REMOVED,
	/** A later wave of a rollout, waiting for its gate: sent when the waves before it succeeded (see {@code track}). */
	HELD,
	/** A wave of a rollout that halted (success rate below the gate, or halted by hand): never sent. */
	HALTED,
	/** A wave of a rollout whose end date passed before it was released: never sent. */
	EXPIRED;

	/**
	 * Whether the device is on its way (or would be, in a dry run), or was taken out on purpose: exit code 0 needs all
	 * devices so.
	 */
	public boolean isSuccessful() {
		return this == PLANNED || this == SCHEDULED || this == REMOVED || this == HELD;
	}

	/**
	 * The outcome of a device entry: its validation status, or for a valid one its campaign's ledger state. A valid
	 * entry with no campaign yet (the run stopped before grouping) was never sent: PLANNED, not UNKNOWN, which means
	 * "sent, outcome lost".
	 */
	public static DeviceOutcome ofEntry(String entryStatus, String campaignState) {
		if (!"VALID".equals(entryStatus)) {
			return valueOf(entryStatus);
		}
		return campaignState == null ? PLANNED : ofCampaignState(campaignState);
	}

	/** The outcome of a valid entry from its campaign's ledger state. */
	public static DeviceOutcome ofCampaignState(String state) {
		return switch (state) {
			case "PLANNED" -> PLANNED;
			case "SCHEDULED" -> SCHEDULED;
			case "REJECTED" -> REJECTED;
			case "FAILED" -> FAILED;
			case "HELD" -> HELD;
			case "HALTED" -> HALTED;
			case "EXPIRED" -> EXPIRED;
			default -> UNKNOWN;
		};
	}
}
