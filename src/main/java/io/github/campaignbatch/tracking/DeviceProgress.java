package io.github.campaignbatch.tracking;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The scheduled devices of an execution by their final status at ThingSpace, and those still pending (no final
 * status read yet).
 *
 * @param byFinalStatus most frequent first
 */
public record DeviceProgress(Map<String, Long> byFinalStatus, long pending) {

	public DeviceProgress {
		byFinalStatus = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byFinalStatus));
	}

	public long failed() {
		return this.byFinalStatus.entrySet().stream()
			.filter(entry -> VendorStatuses.isFailedDevice(entry.getKey()))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	/** {@code UpgradeSuccess 9,812, UpgradeFailed 41, DeviceRejected 7, pending 140}. */
	public String describe() {
		StringBuilder text = new StringBuilder();
		this.byFinalStatus.forEach((status, count) -> text.append(text.isEmpty() ? "" : ", ").append(status).append(' ')
			.append(String.format(Locale.ROOT, "%,d", count)));
		text.append(text.isEmpty() ? "" : ", ").append("pending ").append(String.format(Locale.ROOT, "%,d", this.pending));
		return text.toString();
	}
}
