package io.github.campaignbatch.rollout;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.github.campaignbatch.campaign.RolloutPolicy;

/**
 * The gate before a rollout's next wave. It measures the devices of every wave released before it: of those that
 * reached a final status, the share that succeeded must be at least the policy's {@code gateSuccess}. It decides as
 * soon as the answer cannot change any more, and otherwise waits:
 * <ul>
 * <li><b>pass</b> once enough devices succeeded that the share stays at or above the gate even if every device still
 * pending fails ({@code succeeded >= gate * devices});</li>
 * <li><b>halt</b> once so many failed that the share stays below the gate even if every pending device succeeds
 * ({@code devices - failed < gate * devices});</li>
 * <li>when every released campaign has ended at ThingSpace, devices still without a final status no longer count:
 * pass or halt on the share among those that reached one; none reached one: halt.</li>
 * </ul>
 * So with a pilot of 20 and a gate of 0.9, the next wave leaves after the 18th success, and the rollout halts at the
 * 3rd failure, whichever comes first, without waiting for the campaign's end date.
 */
public final class Gate {

	/** What the gate says. */
	public enum Decision {
		PASS, HALT, WAIT
	}

	/**
	 * The devices of the waves released so far.
	 *
	 * @param devices devices sent in those waves
	 * @param succeeded devices whose status is {@code UpgradeSuccess}
	 * @param failed devices with another final status ({@code UpgradeFailed}, {@code DeviceRejected}, cancelled or
	 * aborted)
	 * @param ended whether every one of those campaigns reached a final status at ThingSpace
	 */
	public record Reading(long devices, long succeeded, long failed, boolean ended) {

		public long finished() {
			return this.succeeded + this.failed;
		}

		/** {@code 12 of 20 devices that reached a final status succeeded (60%)}. */
		public String describe() {
			if (finished() == 0) {
				return "none of " + this.devices + " device(s) reached a final status yet";
			}
			return this.succeeded + " of " + finished() + " device(s) that reached a final status succeeded ("
					+ RolloutPolicy.percent(BigDecimal.valueOf(this.succeeded).divide(BigDecimal.valueOf(finished()), 4,
							RoundingMode.DOWN))
					+ (finished() < this.devices ? ", " + (this.devices - finished()) + " still pending" : "") + ")";
		}
	}

	private Gate() {
	}

	public static Decision decide(Reading reading, BigDecimal gateSuccess) {
		BigDecimal devices = BigDecimal.valueOf(reading.devices());
		BigDecimal needed = gateSuccess.multiply(devices);
		if (reading.devices() > 0 && BigDecimal.valueOf(reading.succeeded()).compareTo(needed) >= 0) {
			return Decision.PASS;
		}
		if (reading.devices() > 0 && BigDecimal.valueOf(reading.devices() - reading.failed()).compareTo(needed) < 0) {
			return Decision.HALT;
		}
		if (!reading.ended()) {
			return Decision.WAIT;
		}
		if (reading.finished() == 0) {
			return Decision.HALT;
		}
		BigDecimal share = BigDecimal.valueOf(reading.succeeded());
		return share.compareTo(gateSuccess.multiply(BigDecimal.valueOf(reading.finished()))) >= 0 ? Decision.PASS
				: Decision.HALT;
	}
}
