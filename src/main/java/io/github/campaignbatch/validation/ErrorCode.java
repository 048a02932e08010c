package io.github.campaignbatch.validation;

/**
 * Per-device error codes: part of the results report's contract, documented in docs/input-format.md.
 */
public enum ErrorCode {
	MISSING_FIELD(EntryStatus.INVALID),
	MISSING_ACCOUNT(EntryStatus.INVALID),
	VALUE_TOO_LONG(EntryStatus.INVALID),
	CONTROL_CHARACTER(EntryStatus.INVALID),
	INVALID_IMEI(EntryStatus.INVALID),
	INVALID_DATE(EntryStatus.INVALID),
	DATE_IN_PAST(EntryStatus.INVALID),
	DATE_ORDER(EntryStatus.INVALID),
	INVALID_DISTRIBUTION_TYPE(EntryStatus.INVALID),
	INVALID_TIME_WINDOW(EntryStatus.INVALID),
	INVALID_TIME_ZONE(EntryStatus.INVALID),
	DUPLICATE_DEVICE(EntryStatus.DUPLICATE),
	CONFLICTING_SCHEDULE(EntryStatus.CONFLICT),
	DEVICE_IN_OVERLAPPING_CAMPAIGN(EntryStatus.CONFLICT);

	private final EntryStatus status;

	ErrorCode(EntryStatus status) {
		this.status = status;
	}

	/** The report status of a device entry that has this error. */
	public EntryStatus status() {
		return this.status;
	}
}
