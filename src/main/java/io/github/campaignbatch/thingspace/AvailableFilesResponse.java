package io.github.campaignbatch.thingspace;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The vendor wraps the file list in a property named after the response type. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AvailableFilesResponse(@JsonProperty("AvailableFilesResponse") List<AvailableFile> files) {
}
