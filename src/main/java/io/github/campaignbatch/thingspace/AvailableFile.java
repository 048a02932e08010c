package io.github.campaignbatch.thingspace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A file uploaded to ThingSpace and available for a file-upgrade campaign; its make and model must match
 * the devices of the campaign.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AvailableFile(
		String fileName,
		String fileVersion,
		String releaseNote,
		String make,
		String model,
		String localTargetPath,
		String distributionType,
		String devicePlatformId) {
}
