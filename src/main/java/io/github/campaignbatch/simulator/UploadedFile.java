package io.github.campaignbatch.simulator;

import java.util.Objects;

/**
 * A file the simulated account has already uploaded, as the vendor's available-files call lists it.
 * A campaign may only name a file (by name and version) that is on this list. The server side of what the
 * client reads as {@code thingspace.AvailableFile}; the simulator keeps its own type so that it shares no
 * code with the client it is there to test.
 */
public record UploadedFile(
		String fileName,
		String fileVersion,
		String releaseNote,
		String make,
		String model,
		String localTargetPath,
		String distributionType,
		String devicePlatformId) {

	public UploadedFile {
		Objects.requireNonNull(fileName, "fileName");
		Objects.requireNonNull(fileVersion, "fileVersion");
		Objects.requireNonNull(distributionType, "distributionType");
	}

	/**
	 * A file declared as {@code NAME:VERSION[:HTTP|OMA]} (HTTP when the type is left out), e.g. on the
	 * simulator's command line.
	 *
	 * @throws IllegalArgumentException naming what is wrong with the declaration
	 */
	public static UploadedFile parse(String declaration) {
		String[] parts = declaration == null ? new String[0] : declaration.split(":", -1);
		if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
			throw new IllegalArgumentException("'" + declaration + "' is not NAME:VERSION[:HTTP|OMA]");
		}
		String type = parts.length == 3 ? parts[2].trim().toUpperCase(java.util.Locale.ROOT) : "HTTP";
		if (!type.equals("HTTP") && !type.equals("OMA")) {
			throw new IllegalArgumentException("'" + declaration + "': the distribution type must be HTTP or OMA");
		}
		return declared(parts[0].trim(), parts[1].trim(), type);
	}

	/** A file known by name, version and distribution type only (no make, model or release note). */
	public static UploadedFile declared(String fileName, String fileVersion, String distributionType) {
		return new UploadedFile(fileName, fileVersion, "Declared for the simulator", null, null, "/files/" + fileName,
				distributionType, null);
	}

	/** Whether this is the file a schedule request names. */
	boolean matches(String name, String version) {
		return this.fileName.equals(name) && this.fileVersion.equals(version);
	}
}
