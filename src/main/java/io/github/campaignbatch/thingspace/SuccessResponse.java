package io.github.campaignbatch.thingspace;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The vendor's {@code {"success": true}} answer to a cancel. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SuccessResponse(Boolean success) {
}
