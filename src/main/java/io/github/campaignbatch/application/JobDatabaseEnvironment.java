package io.github.campaignbatch.application;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.github.campaignbatch.output.SafeFiles;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Prepares the job database's settings in every application that starts, the command line's and a test's
 * {@code @SpringBootTest} alike (registered in {@code META-INF/spring.factories}, run once {@code application.properties}
 * is read): the data directory made absolute, an embedded H2 URL completed with the settings the job needs
 * ({@link JobDatabaseUrl}), its folder created owner-only when missing (H2 would make it readable by all) and an
 * owner-only trace file made before H2 opens the database. The lock that keeps the database to one process is taken
 * by the command line's start after this ({@link SpringContexts}).
 */
public final class JobDatabaseEnvironment implements EnvironmentPostProcessor {

	/** Where the job keeps its own files; see application.properties. */
	static final String DATA_DIR = "campaign.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String dataDir = environment.getProperty(DATA_DIR);
		if (dataDir != null && !Path.of(dataDir).isAbsolute()) {
			// Relative to where the command started, once: everything under it is then found from anywhere.
			environment.getPropertySources().addFirst(new MapPropertySource("absolute-data-dir",
					Map.of(DATA_DIR, Path.of(dataDir).toAbsolutePath().normalize().toString())));
		}
		String url = environment.getProperty(SpringContexts.DATASOURCE_URL);
		if (url == null) {
			// An application without a job database (application.properties always names one).
			return;
		}
		String completed = JobDatabaseUrl.withRequiredSettings(url);
		if (!completed.equals(url)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("job-database-settings", Map.of(SpringContexts.DATASOURCE_URL, completed)));
		}
		if (JobDatabaseUrl.isEmbeddedH2File(completed)) {
			Path base = JobDatabaseUrl.h2FileBase(completed);
			try {
				SafeFiles.createPrivateDirectories(base.getParent());
			}
			catch (IOException ex) {
				throw new UsageException("cannot create the job database folder " + base.getParent() + ": " + ex.getMessage());
			}
			ownerOnlyTraceFile(base);
		}
	}

	/**
	 * H2 creates its trace file at its first error, which may come long after the start (and the chmod that follows
	 * it), with the umask's mode: an empty owner-only one is made before H2 opens the database, and H2 appends to it.
	 */
	private static void ownerOnlyTraceFile(Path base) {
		Path trace = base.resolveSibling(base.getFileName() + ".trace.db");
		try {
			SafeFiles.createPrivateFileIfAbsent(trace);
		}
		catch (IOException ex) {
			throw new UsageException("cannot create the job database's trace file " + trace + ": " + ex.getMessage());
		}
	}
}
