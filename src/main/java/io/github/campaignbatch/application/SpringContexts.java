package io.github.campaignbatch.application;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.campaignbatch.CampaignBatchApplication;
import io.github.campaignbatch.output.SafeFiles;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;

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
		return start(verbose, properties, null);
	}

	/**
	 * The same, with {@code initializer} applied to the context before any bean is created ({@code null}: none), e.g.
	 * the in-process simulator's setup from the application's settings.
	 */
	static Started start(boolean verbose, List<String> properties,
			ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
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
			SpringApplicationBuilder builder = new SpringApplicationBuilder(CampaignBatchApplication.class)
				.listeners(event -> lockJobDatabase(event, lock));
			if (initializer != null) {
				builder.initializers(initializer);
			}
			context = builder.run(arguments.toArray(String[]::new));
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

	static final String DATASOURCE_URL = "spring.datasource.url";

	/**
	 * Once the environment is ready ({@link JobDatabaseEnvironment} has completed the URL and made the database's
	 * folder) and before anything opens the job database: this process takes the lock of an embedded H2 file database
	 * into {@code lock}, or is refused at once, before Spring creates a single bean.
	 */
	private static void lockJobDatabase(ApplicationEvent event, AtomicReference<JobDatabaseLock.Lease> lock) {
		if (!(event instanceof ApplicationEnvironmentPreparedEvent prepared)) {
			return;
		}
		String url = prepared.getEnvironment().getProperty(DATASOURCE_URL);
		if (JobDatabaseUrl.isEmbeddedH2File(url) && lock.get() == null) {
			lock.set(JobDatabaseLock.acquire(JobDatabaseUrl.h2FileBase(url)));
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
}
