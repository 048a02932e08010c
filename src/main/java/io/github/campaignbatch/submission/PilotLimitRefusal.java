package io.github.campaignbatch.submission;

import java.util.regex.Pattern;

/**
 * ThingSpace's refusal of a campaign for its pilot limit: a new file goes to at most 20 devices until a pilot of it
 * succeeded (at least 5 devices, 50% or more). The vendor publishes the rule but not the error it answers, so a
 * refusal is taken for one when its errorCode or errorMessage speaks of a pilot; the bundled simulator answers
 * {@code PILOT_LIMIT_EXCEEDED}. The devices of such a campaign get the vendor's words and what to do about them.
 */
public final class PilotLimitRefusal {

	private static final Pattern PILOT = Pattern.compile("pilot", Pattern.CASE_INSENSITIVE);

	private PilotLimitRefusal() {
	}

	public static boolean recognises(String errorCode, String errorMessage) {
		return (errorCode != null && PILOT.matcher(errorCode).find())
				|| (errorMessage != null && PILOT.matcher(errorMessage).find());
	}

	/** The message a refused campaign's devices show: the vendor's own, and for a pilot-limit refusal the way out. */
	public static String explain(String errorCode, String errorMessage) {
		if (!recognises(errorCode, errorMessage)) {
			return errorMessage;
		}
		return "ThingSpace refused this campaign for its pilot limit (" + errorCode + ": " + errorMessage + "). A new"
				+ " file goes to at most 20 devices until a pilot of it succeeded: run the input with --pilot 20 to roll"
				+ " out within the limit (the pilot first, the other devices in waves as it succeeds)";
	}
}
