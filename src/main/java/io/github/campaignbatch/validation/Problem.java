package io.github.campaignbatch.validation;

/**
 * One thing wrong with a row or a device: a contract code and a message that says what to do.
 */
public record Problem(ErrorCode code, String message) {
}
