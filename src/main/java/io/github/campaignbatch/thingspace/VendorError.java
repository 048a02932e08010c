package io.github.campaignbatch.thingspace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The vendor's error body: {@code {"errorCode": "...", "errorMessage": "..."}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VendorError(String errorCode, String errorMessage) {
}
