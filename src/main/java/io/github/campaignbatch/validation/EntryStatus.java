package io.github.campaignbatch.validation;

/**
 * The validation outcome of one device entry. A {@code VALID} entry's final outcome is its campaign's.
 */
public enum EntryStatus {
	VALID, INVALID, DUPLICATE, CONFLICT
}
