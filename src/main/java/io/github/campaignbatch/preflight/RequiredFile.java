package io.github.campaignbatch.preflight;

/**
 * A file a campaign of the run names: it must be among the account's available files of its distribution type.
 */
public record RequiredFile(String fileName, String fileVersion, String distributionType) {

	/** How the operator reads it in a message: {@code name version 2.4.1 (HTTP)}. */
	public String describe() {
		return this.fileName + " version " + this.fileVersion + " (" + this.distributionType + ")";
	}
}
