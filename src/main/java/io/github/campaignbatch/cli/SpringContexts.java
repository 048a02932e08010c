package io.github.campaignbatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.campaignbatch.CampaignBatchApplication;
import io.github.campaignbatch.output.SafeFiles;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the Spring application for the commands that need the job database.
 */
final class SpringContexts {

	private SpringContexts() {
	}

	/**
	 * @param verbose log at INFO, Spring and Batch included
	 * @param properties {@code name=value} pairs that override every other source (e.g. the simulator's URL)
	 */
	static ConfigurableApplicationContext start(boolean verbose, List<String> properties) {
		List<String> arguments = new ArrayList<>();
		for (String property : properties) {
			arguments.add("--" + property);
		}
		if (verbose) {
			arguments.add("--logging.level.root=INFO");
			arguments.add("--logging.level.org.springframework.batch=INFO");
			arguments.add("--logging.level.io.github.campaignbatch=DEBUG");
		}
		try {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(CampaignBatchApplication.class)
				.listeners(SpringContexts::prepareJobDatabase)
				.run(arguments.toArray(String[]::new));
			ownerOnlyDatabaseFiles(databaseUrl(context));
			return context;
		}
		catch (RuntimeException ex) {
			UsageException refused = Failures.find(ex, UsageException.class);
			if (refused != null) {
				throw refused;
			}
			SQLException inUse = Failures.find(ex, SQLException.class);
			if (inUse != null && inUse.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
				throw new DatabaseInUseException(ex);
			}
			throw new JobDatabaseException(Failures.describe(ex), ex);
		}
	}

	private static final int H2_DATABASE_ALREADY_OPEN = 90020;

	/** The job database's URL as the application uses it. */
	static String databaseUrl(ConfigurableApplicationContext context) {
		return context.getEnvironment().getProperty(DATASOURCE_URL);
	}

	private static final String DATASOURCE_URL = "spring.datasource.url";

	/** Where the job keeps its own files; see application.properties. */
	static final String DATA_DIR = "campaign.data-dir";

	/**
	 * Before anything opens the job database: an embedded H2 URL gets the settings the job needs
	 * ({@link JobDatabaseUrl}), and its folder is created owner-only when missing (H2 would make it readable by all).
	 */
	private static void prepareJobDatabase(ApplicationEvent event) {
		if (!(event instanceof ApplicationEnvironmentPreparedEvent prepared)) {
			return;
		}
		ConfigurableEnvironment environment = prepared.getEnvironment();
		String dataDir = environment.getProperty(DATA_DIR);
		if (dataDir != null && !Path.of(dataDir).isAbsolute()) {
			// Relative to where the command started, once: everything under it is then found from anywhere.
			environment.getPropertySources().addFirst(new MapPropertySource("absolute-data-dir",
					Map.of(DATA_DIR, Path.of(dataDir).toAbsolutePath().normalize().toString())));
		}
		String url = environment.getProperty(DATASOURCE_URL);
		String completed = JobDatabaseUrl.withRequiredSettings(url);
		if (!completed.equals(url)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("job-database-settings", Map.of(DATASOURCE_URL, completed)));
		}
		if (JobDatabaseUrl.isEmbeddedH2File(completed)) {
			Path base = JobDatabaseUrl.h2FileBase(completed);
			try {
				SafeFiles.createPrivateDirectories(base.getParent());
				ownerOnlyTraceFile(base);
			}
			catch (IOException ex) {
				throw new UsageException("cannot create the job database folder " + base.getParent() + ": " + ex.getMessage());
			}
		}
	}

	/**
	 * H2 creates its trace file at its first error, which may come long after the start (and the chmod below), with
	 * the umask's mode: an empty owner-only one is made before H2 opens the database, and H2 appends to it.
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

	/** H2 creates its files readable by all; the job database holds IMEIs and campaign names: owner only. */
	private static void ownerOnlyDatabaseFiles(String url) {
		if (!JobDatabaseUrl.isEmbeddedH2File(url)) {
			return;
		}
		Path base = JobDatabaseUrl.h2FileBase(url);
		String prefix = base.getFileName() + ".";
		try (DirectoryStream<Path> files = Files.newDirectoryStream(base.getParent(),
				file -> file.getFileName().toString().startsWith(prefix))) {
			for (Path file : files) {
				SafeFiles.makeOwnerOnly(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot make the job database files owner-only: " + ex.getMessage(), ex);
		}
	}

	/** The application (usually its database) could not start. */
	static class JobDatabaseException extends RuntimeException {

		JobDatabaseException(String message, Throwable cause) {
			super("cannot start: " + message + " (check CAMPAIGN_BATCH_DB_URL and that the database is up)", cause);
		}
	}

	/** The embedded H2 database is open in another process: H2 serves one process at a time. */
	static class DatabaseInUseException extends RuntimeException {

		DatabaseInUseException(Throwable cause) {
			super("the job database is in use by another campaign-batch process (H2 allows one at a time): wait for it;"
					+ " to watch a running job follow that process's output (its progress lines), or use PostgreSQL"
					+ " (CAMPAIGN_BATCH_DB_URL=jdbc:postgresql://...), where status reads while runs go on", cause);
		}
	}
}
