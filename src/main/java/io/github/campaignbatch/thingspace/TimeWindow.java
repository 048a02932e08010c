package io.github.campaignbatch.thingspace;

/**
 * Hours of the day (device local time as the vendor defines it) during which a download or install may
 * start: open while {@code startTime <= hour < endTime}; {@code startTime} in 0–23, {@code endTime} in 1–24.
 */
public record TimeWindow(int startTime, int endTime) {
}
