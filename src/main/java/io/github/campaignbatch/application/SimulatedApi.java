package io.github.campaignbatch.application;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.campaignbatch.preflight.RequiredFilesListener;
import io.github.campaignbatch.simulator.BadFile;
import io.github.campaignbatch.simulator.UploadedFile;
import io.github.campaignbatch.simulator.SimulatorOptions;
import io.github.campaignbatch.simulator.SimulatorServer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The in-process simulator behind {@code --simulate} and behind {@code track}/{@code cancel} of a simulated
 * execution. Its memory is a state file in the data directory, so a campaign created by {@code run --simulate}
 * can be tracked and cancelled by a later process; its campaigns run at the demo's pace
 * ({@link SimulatorOptions.Lifecycle#FAST}).
 */
final class SimulatedApi {

	/** How far the simulator's history lags behind its writes for {@code run --simulate} (default 0s). */
	static final String HISTORY_LAG = "campaign.simulator.history-lag";

	/** Files the simulated account has, {@code NAME:VERSION[:HTTP|OMA]} separated by commas; unset: the input's. */
	static final String AVAILABLE_FILES = "campaign.simulator.available-files";

	static final String STATE_FILE_NAME = "simulator-state.json";

	/** Whether the in-process simulator enforces ThingSpace's pilot limit (the {@code simulator}'s --pilot-limit). */
	static final String PILOT_LIMIT = "campaign.simulator.pilot-limit";

	/** Files whose devices fail, {@code NAME:VERSION:RATE} separated by commas (the {@code simulator}'s --bad-file). */
	static final String BAD_FILES = "campaign.simulator.bad-files";

	private SimulatedApi() {
	}

	static SimulatorServer start() {
		return SimulatorServer.start(SimulatorOptions.defaults()
			.withLifecycle(SimulatorOptions.Lifecycle.FAST)
			.withStateFile(stateFile()));
	}

	/** The Spring properties that point the client at the simulator with its demo credentials. */
	static List<String> clientProperties(SimulatorServer simulator) {
		List<String> properties = new ArrayList<>();
		properties.add("thingspace.base-url=" + simulator.baseUrl());
		properties.add("thingspace.client-id=" + SimulatorOptions.DEFAULT_CLIENT_ID);
		properties.add("thingspace.client-secret=" + SimulatorOptions.DEFAULT_CLIENT_SECRET);
		properties.add("thingspace.username=" + SimulatorOptions.DEFAULT_USERNAME);
		properties.add("thingspace.password=" + SimulatorOptions.DEFAULT_PASSWORD);
		return properties;
	}

	/**
	 * Sets the simulator up from the application's settings as the context is created, before any bean exists: the
	 * files the simulated account has, the pilot limit and the bad files, and when {@code lagging} (a run) how far its
	 * history lags ({@value #HISTORY_LAG}).
	 * The listener that uploads a run's files is a bean defined up front, not one added to a started context.
	 */
	static ApplicationContextInitializer<ConfigurableApplicationContext> configuring(SimulatorServer simulator,
			boolean lagging) {
		return context -> {
			if (lagging) {
				// A simulated vendor whose history lags behind its writes, to try the visibility horizon.
				simulator.historyLag(context.getEnvironment().getProperty(HISTORY_LAG, Duration.class, Duration.ZERO));
			}
			RequiredFilesListener uploads = offerFiles(simulator, context.getEnvironment());
			if (uploads != null) {
				context.getBeanFactory().registerSingleton("simulatedFileUploads", uploads);
			}
			applyVendorRules(simulator, context.getEnvironment());
		};
	}

	/**
	 * Gives the simulated account the files configured in {@value #AVAILABLE_FILES}; when none are, the listener that
	 * gives it every file a run needs, just before the pre-flight check reads the list.
	 */
	private static RequiredFilesListener offerFiles(SimulatorServer simulator, Environment environment) {
		String configured = environment.getProperty(AVAILABLE_FILES, "");
		if (!configured.isBlank()) {
			List<UploadedFile> files = new ArrayList<>();
			for (String declaration : configured.split(",")) {
				try {
					files.add(UploadedFile.parse(declaration.trim()));
				}
				catch (IllegalArgumentException bad) {
					throw new UsageException(AVAILABLE_FILES + ": " + bad.getMessage());
				}
			}
			simulator.makeAvailable(files);
			return null;
		}
		return required -> simulator.makeAvailable(required.stream()
			.map(file -> UploadedFile.declared(file.fileName(), file.fileVersion(), file.distributionType()))
			.toList());
	}

	/**
	 * The pilot limit and the bad files configured for the in-process simulator ({@value #PILOT_LIMIT},
	 * {@value #BAD_FILES}), so that a rollout can be tried with {@code --simulate}; the same for {@code track} and
	 * {@code rollout} of a simulated execution, which release its later waves.
	 */
	private static void applyVendorRules(SimulatorServer simulator, Environment environment) {
		simulator.pilotLimit(environment.getProperty(PILOT_LIMIT, Boolean.class, false));
		for (String declaration : environment.getProperty(BAD_FILES, "").split(",")) {
			if (!declaration.isBlank()) {
				try {
					simulator.badFile(BadFile.parse(declaration.trim()));
				}
				catch (IllegalArgumentException bad) {
					throw new UsageException(BAD_FILES + ": " + bad.getMessage());
				}
			}
		}
	}

	/**
	 * {@code <data-dir>/simulator-state.json}; the data directory is read here, before Spring starts, because the
	 * simulator's address is one of Spring's properties.
	 */
	static Path stateFile() {
		return dataDirectory().resolve(STATE_FILE_NAME);
	}

	static Path dataDirectory() {
		for (String name : List.of("campaign.data-dir", "CAMPAIGN_BATCH_DATA_DIR")) {
			String value = System.getProperty(name);
			if (value != null && !value.isBlank()) {
				return Path.of(value).toAbsolutePath();
			}
		}
		String environment = System.getenv("CAMPAIGN_BATCH_DATA_DIR");
		if (environment != null && !environment.isBlank()) {
			return Path.of(environment).toAbsolutePath();
		}
		return Path.of(System.getProperty("user.home"), ".campaign-batch");
	}
}
