package io.github.campaignbatch.cli;

import java.lang.reflect.Constructor;

import io.github.campaignbatch.application.ApplicationFactory;
import picocli.CommandLine;

/**
 * Makes picocli's commands (and their mixins, converters, version provider): a command that needs the application
 * gets the {@link ApplicationFactory} through its constructor, as picocli's Spring Boot integration makes commands
 * beans; everything else is made as picocli makes it.
 */
final class CommandFactory implements CommandLine.IFactory {

	private final ApplicationFactory applications;

	CommandFactory(ApplicationFactory applications) {
		this.applications = applications;
	}

	@Override
	public <K> K create(Class<K> type) throws Exception {
		Constructor<K> withApplications;
		try {
			withApplications = type.getDeclaredConstructor(ApplicationFactory.class);
		}
		catch (NoSuchMethodException ex) {
			return CommandLine.defaultFactory().create(type);
		}
		withApplications.setAccessible(true);
		return withApplications.newInstance(this.applications);
	}
}
