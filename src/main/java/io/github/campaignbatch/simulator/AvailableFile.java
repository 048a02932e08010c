package io.github.campaignbatch.simulator;

import java.util.Objects;

/**
 * A file the simulated account has already uploaded, as the vendor's available-files call lists it.
 * A campaign may only name a file (by name and version) that is on this list.
 */
public record AvailableFile(
		String fileName,
		String fileVersion,
		String releaseNote,
		String make,
		String model,
		String localTargetPath,
		String distributionType,
		String devicePlatformId) {

	public AvailableFile {
		Objects.requireNonNull(fileName, "fileName");
		Objects.requireNonNull(fileVersion, "fileVersion");
		Objects.requireNonNull(distributionType, "distributionType");
	}

	/** Whether this is the file a schedule request names. */
	boolean matches(String name, String version) {
		return this.fileName.equals(name) && this.fileVersion.equals(version);
	}
}
