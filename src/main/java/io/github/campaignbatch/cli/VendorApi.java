package io.github.campaignbatch.cli;

import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.simulator.SimulatorServer;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The API an execution's campaigns live at, for {@code track} and {@code cancel}: the real ThingSpace configured
 * for this process, or, for a simulated execution, the in-process simulator started on the state file that
 * {@code run --simulate} left in the data directory.
 */
final class VendorApi implements AutoCloseable {

	private final Backend backend;

	private final SimulatorServer simulator;

	private final boolean ownsBackend;

	private VendorApi(Backend backend, SimulatorServer simulator, boolean ownsBackend) {
		this.backend = backend;
		this.simulator = simulator;
		this.ownsBackend = ownsBackend;
	}

	/** Whether the execution ran against the bundled simulator (the identifying job parameter {@code target}). */
	static boolean simulated(JobParameters parameters) {
		return RunTarget.of(parameters).simulated();
	}

	/** The real API, on an application already started with this process's configuration. */
	static VendorApi real(Backend backend) {
		backend.checkCredentials("");
		return new VendorApi(backend, null, false);
	}

	/** The simulator on its state file, with an application of its own pointed at it. */
	static VendorApi simulated(boolean verbose) {
		SimulatorServer simulator = SimulatedApi.start();
		try {
			Backend backend = Backend.start(verbose, SimulatedApi.clientProperties(simulator));
			backend.provideSimulatedFiles(simulator);
			return new VendorApi(backend, simulator, true);
		}
		catch (RuntimeException ex) {
			simulator.close();
			throw ex;
		}
	}

	/** The application pointed at this API (its tracker, canceller and pre-flight check talk to it). */
	Backend backend() {
		return this.backend;
	}

	@Override
	public void close() {
		try {
			if (this.ownsBackend) {
				this.backend.close();
			}
		}
		finally {
			if (this.simulator != null) {
				this.simulator.close();
			}
		}
	}
}
