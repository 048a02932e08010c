package io.github.campaignbatch.simulator;

/**
 * A download or install window of a campaign as the simulated vendor receives and stores it: open while
 * {@code startTime <= hour < endTime} (UTC hours, start 0–23, end 1–24). Unlike the job's validated
 * {@code campaign.TimeWindow}, it holds whatever a client sent, in range or not, so that the simulator can
 * refuse a bad one the way the vendor does.
 */
public record HourWindow(int startTime, int endTime) {

	/** Whether both hours lie in the ranges the vendor accepts. */
	boolean inRange() {
		return this.startTime >= 0 && this.startTime <= 23 && this.endTime >= 1 && this.endTime <= 24;
	}
}
