package io.github.campaignbatch.application;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.campaignbatch.job.RunTarget;
import io.github.campaignbatch.simulator.SimulatorServer;
import io.github.campaignbatch.staging.EngineWarmUp;

/**
 * Starts the {@link Application} a command works with. The command line is given one ({@code Main}); a test may give
 * its own, e.g. one that lends every command the same started application.
 */
public interface ApplicationFactory {

	/** The application as this process's configuration has it, on the real API, the simulator, or a dry run. */
	ApplicationFactory SPRING_BOOT = new SpringBootApplications();

	/**
	 * Starts the application; with an embedded H2 file database, once this process holds its job database lock.
	 * @param verbose log at INFO, Spring and Batch included
	 * @param settings {@code name=value} pairs that override every other source
	 * @throws DatabaseInUseException when another process holds the H2 database (before the application opens it)
	 */
	Application start(boolean verbose, List<String> settings);

	/**
	 * Starts the in-process simulator on its state file in the data directory, then the application pointed at it
	 * (the simulator's files, pilot limit and bad files from the application's settings).
	 * @param lagging the simulator's history lags as {@code campaign.simulator.history-lag} says (a run)
	 * @param announce given the line that says a simulator answers, once it listens and before the application starts
	 */
	Application startSimulated(boolean verbose, List<String> settings, boolean lagging, Consumer<String> announce);

	/** The application, for commands that read the job database or work with an execution's API later. */
	default Application start(boolean verbose) {
		return start(verbose, List.of());
	}

	/**
	 * The application whose runs send to {@code target}: {@link RunTarget#NONE} (a dry run), {@link RunTarget#SIMULATOR}
	 * (starts the simulator), or the real API (needs all ThingSpace credentials: a usage error naming the missing
	 * ones, then {@code credentialsHint}). Closed again if it cannot be pointed there.
	 */
	default Application sendingTo(RunTarget target, boolean verbose, List<String> settings, String credentialsHint,
			Consumer<String> announce) {
		// every run stages an input: the engine's native library loads while Spring starts
		EngineWarmUp.startInBackground();
		if (target.simulated()) {
			return startSimulated(verbose, settings, true, announce);
		}
		Application application = start(verbose, settings);
		try {
			return application.sendingTo(target, credentialsHint);
		}
		catch (RuntimeException ex) {
			application.close();
			throw ex;
		}
	}

	/** The simulator on its state file with an application of its own: the API of a simulated execution's campaigns. */
	default Application onSimulatorState(boolean verbose) {
		return startSimulated(verbose, List.of(), false, banner -> {
		});
	}

	/**
	 * The API whose campaigns {@code track}, {@code cancel}, {@code amend} and {@code rollout} work with: for a
	 * simulated execution the simulator on its state file, with an application of its own; else the real API of
	 * {@code application} (closing the answer leaves {@code application} open).
	 */
	default Application api(boolean simulated, Application application, boolean verbose) {
		return simulated ? onSimulatorState(verbose) : application.realApiClient("");
	}

	/** Spring Boot starts the application; the one close-on-failure path for the simulator and the context. */
	final class SpringBootApplications implements ApplicationFactory {

		private SpringBootApplications() {
		}

		@Override
		public Application start(boolean verbose, List<String> settings) {
			return new Application(SpringContexts.start(verbose, settings), null);
		}

		@Override
		public Application startSimulated(boolean verbose, List<String> settings, boolean lagging,
				Consumer<String> announce) {
			SimulatorServer simulator = SimulatedApi.start();
			try {
				announce.accept(Application.simulatorBanner(simulator));
				List<String> pointedAtIt = new ArrayList<>(settings);
				pointedAtIt.addAll(SimulatedApi.clientProperties(simulator));
				Application application = new Application(SpringContexts.start(verbose, pointedAtIt,
						SimulatedApi.configuring(simulator, lagging)), simulator);
				return application.sendingTo(RunTarget.SIMULATOR, "");
			}
			catch (RuntimeException ex) {
				simulator.close();
				throw ex;
			}
		}
	}
}
