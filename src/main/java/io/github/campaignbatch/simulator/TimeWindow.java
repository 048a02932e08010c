package io.github.campaignbatch.simulator;

/**
 * A download or install window of a campaign: open while {@code startTime <= hour < endTime} (UTC hours,
 * start 0–23, end 1–24), as the vendor documents it.
 */
public record TimeWindow(int startTime, int endTime) {

	/** Whether both hours lie in the ranges the vendor accepts. */
	boolean inRange() {
		return this.startTime >= 0 && this.startTime <= 23 && this.endTime >= 1 && this.endTime <= 24;
	}
}
