package io.github.campaignbatch.cli;

import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.thingspace.ThingSpaceProperties;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API an execution's campaigns live at, for {@code track} and {@code cancel}: the real ThingSpace configured
 * for this process, or, for a simulated execution, the in-process simulator started on the state file that
 * {@code run --simulate} left in the data directory.
 */
final class VendorApi implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final SimulatorServer simulator;

	private final boolean ownsContext;

	private VendorApi(ConfigurableApplicationContext context, SimulatorServer simulator, boolean ownsContext) {
		this.context = context;
		this.simulator = simulator;
		this.ownsContext = ownsContext;
	}

	/** Whether the execution ran against the bundled simulator (the identifying job parameter {@code target}). */
	static boolean simulated(JobParameters parameters) {
		return RunTarget.of(parameters).simulated();
	}

	/** The real API, on an application already started with this process's configuration. */
	static VendorApi real(ConfigurableApplicationContext context) {
		Backend.checkCredentials(context.getBean(ThingSpaceProperties.class), "");
		return new VendorApi(context, null, false);
	}

	/** The simulator on its state file, with an application of its own pointed at it. */
	static VendorApi simulated(boolean verbose) {
		SimulatorServer simulator = SimulatedApi.start();
		try {
			ConfigurableApplicationContext context = SpringContexts.start(verbose, SimulatedApi.clientProperties(simulator));
			SimulatedApi.provideFiles(simulator, context);
			return new VendorApi(context, simulator, true);
		}
		catch (RuntimeException ex) {
			simulator.close();
			throw ex;
		}
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		try {
			if (this.ownsContext) {
				this.context.close();
			}
		}
		finally {
			if (this.simulator != null) {
				this.simulator.close();
			}
		}
	}
}
