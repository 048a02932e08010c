package io.github.campaignbatch.application;

/**
 * What came of one run, as data: its exit code and, when it did not succeed, the one-line reason the operator was
 * shown ({@code schedule} writes it beside a refused file).
 *
 * @param exitCode one of {@link ExitCodes}
 * @param reason the one-line reason, or {@code null}
 */
public record RunOutcome(int exitCode, String reason) {

	public static RunOutcome of(int exitCode) {
		return new RunOutcome(exitCode, null);
	}
}
