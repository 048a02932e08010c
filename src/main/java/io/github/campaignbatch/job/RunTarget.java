package io.github.campaignbatch.job;

import java.net.URI;
import java.util.Locale;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What a run sends its campaigns to, part of the job's identity (the identifying job parameter
 * {@value CampaignJobParameters#TARGET}): the bundled simulator, or the real API named by its origin
 * ({@code scheme://host:port} of the base URL: never a path, never user info, so never a secret).
 * <p>
 * Because the target is identifying, a simulated run of an input and a real run of the same input are two job
 * instances: the simulated one never makes the real one "already processed", and each restarts only against its
 * own target ({@link #mayRestart}).
 * <p>
 * Executions recorded before the target was part of the identity have no such parameter: they are taken as real
 * runs ({@link #UNRECORDED}), whatever the origin. That is the side that never sends a campaign to the real API a
 * second time; its cost, a simulated run from before the upgrade answering for a real one, is documented in
 * docs/operations.md.
 *
 * @param value the parameter's value: {@code simulator}, an origin, {@code ""} for an execution recorded without one,
 * or {@code none} for a dry run (which sends nothing anywhere)
 */
public record RunTarget(String value) {

	public static final String SIMULATOR_VALUE = "simulator";

	/** The target of the in-process simulator started by {@code --simulate}. */
	public static final RunTarget SIMULATOR = new RunTarget(SIMULATOR_VALUE);

	/** A dry run: nothing is sent, so no target. */
	public static final RunTarget NONE = new RunTarget("none");

	/** An execution recorded before runs kept their target: a real run against whichever API was configured. */
	public static final RunTarget UNRECORDED = new RunTarget("");

	/** The real API at this base URL, named by its origin. */
	public static RunTarget realApi(String baseUrl) {
		URI uri = URI.create(baseUrl.strip());
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
		return new RunTarget(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
	}

	/** The target an execution ran against, read from its parameters. */
	public static RunTarget of(JobParameters parameters) {
		if (CampaignJobParameters.isDryRun(parameters)) {
			return NONE;
		}
		String value = parameters.getString(CampaignJobParameters.TARGET);
		return value == null || value.isBlank() ? UNRECORDED : new RunTarget(value);
	}

	public boolean simulated() {
		return SIMULATOR_VALUE.equals(this.value);
	}

	public boolean dryRun() {
		return this == NONE || NONE.value.equals(this.value);
	}

	/** A real API, recorded with its origin or not. */
	public boolean real() {
		return !simulated() && !dryRun();
	}

	/**
	 * Whether a session sending to {@code session} may restart (or finish) an execution that ran against this
	 * target: a simulated one only against the simulator, a real one only against the same real API, a dry run
	 * only as a dry run; an execution recorded without a target against any real API.
	 */
	public boolean mayRestart(RunTarget session) {
		if (this.equals(UNRECORDED)) {
			return session.real();
		}
		return this.value.equals(session.value);
	}

	/** For the operator: {@code simulator}, {@code dry run}, the origin, or {@code real (not recorded)}. */
	public String describe() {
		if (dryRun()) {
			return "dry run";
		}
		return this.value.isEmpty() ? "real (not recorded)" : this.value;
	}

	@Override
	public String toString() {
		return describe();
	}
}
