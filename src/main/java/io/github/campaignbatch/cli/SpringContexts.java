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
import java.util.concurrent.atomic.AtomicReference;

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
	 * Starts the application; with an embedded H2 file database, once this process holds its {@link JobDatabaseLock}.
	 * @param verbose log at INFO, Spring and Batch included
	 * @param properties {@code name=value} pairs that override every other source (e.g. the simulator's URL)
	 * @throws DatabaseInUseException when another process holds the H2 database (before the application opens it)
	 */
	static Started start(boolean verbose, List<String> properties) {
		List<String> arguments = new ArrayList<>();
		for (String property : properties) {
			arguments.add("--" + property);
		}
		if (verbose) {
			arguments.add("--logging.level.root=INFO");
			arguments.add("--logging.level.org.springframework.batch=INFO");
			arguments.add("--logging.level.io.github.campaignbatch=DEBUG");
		}
		AtomicReference<JobDatabaseLock.Lease> lock = new AtomicReference<>();
		ConfigurableApplicationContext context = null;
		try {
			context = new SpringApplicationBuilder(CampaignBatchApplication.class)
				.listeners(event -> prepareJobDatabase(event, lock))
				.run(arguments.toArray(String[]::new));
			ownerOnlyDatabaseFiles(databaseUrl(context));
			return new Started(context, lock.get());
		}
		catch (RuntimeException ex) {
			// Spring has closed a context it could not start; one that started is closed here. Either way the database
			// is closed before the lock goes (a close that fails keeps it until the process ends).
			new Started(context, lock.get()).close();
			UsageException refused = Failures.find(ex, UsageException.class);
			if (refused != null) {
				throw refused;
			}
			DatabaseInUseException locked = Failures.find(ex, DatabaseInUseException.class);
			if (locked != null) {
				throw locked;
			}
			SQLException inUse = Failures.find(ex, SQLException.class);
			if (inUse != null && inUse.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
				throw new DatabaseInUseException(ex);
			}
			throw new JobDatabaseException(Failures.describe(ex), ex);
		}
	}

	/**
	 * A started application and the job database lock it holds ({@code null} for PostgreSQL and in-memory H2).
	 * Closing it closes the application, which closes the database, and only then lets the lock go: if the close
	 * fails, the lock stays held until the process ends.
	 */
	record Started(ConfigurableApplicationContext context, JobDatabaseLock.Lease lock) implements AutoCloseable {

		@Override
		public void close() {
			if (this.context != null) {
				this.context.close();
			}
			if (this.lock != null) {
				this.lock.close();
			}
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
	 * ({@link JobDatabaseUrl}), its folder is created owner-only when missing (H2 would make it readable by all), and
	 * this process takes its lock into {@code lock}, or is refused at once, before Spring creates a single bean.
	 */
	private static void prepareJobDatabase(ApplicationEvent event, AtomicReference<JobDatabaseLock.Lease> lock) {
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
			if (lock.get() == null) {
				lock.set(JobDatabaseLock.acquire(base));
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

		/** H2 itself found the database open (in a process that does not take {@link JobDatabaseLock}). */
		DatabaseInUseException(Throwable cause) {
			super(message(null), cause);
		}

		/** Another process holds {@link JobDatabaseLock}; {@code holder}: "pid N since T", or {@code null} if unknown. */
		DatabaseInUseException(String holder) {
			super(message(holder));
		}

		private static String message(String holder) {
			return "the job database is in use by another campaign-batch process (" + (holder == null ? "" : holder + "; ")
					+ "H2 allows one at a time): wait for it; to watch a running job follow that process's output (its"
					+ " progress lines), or use PostgreSQL (CAMPAIGN_BATCH_DB_URL=jdbc:postgresql://...), where status reads"
					+ " while runs go on";
		}
	}
}
