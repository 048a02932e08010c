package io.github.campaignbatch.support;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Which database the database-backed tests run on. By default H2 (a file database per test); with the system
 * property {@code test.database=postgresql} (the {@code postgresql-tests} Surefire execution), the local
 * PostgreSQL at 127.0.0.1:5432, database {@code test}, a fresh schema per test. Without a PostgreSQL server
 * those tests skip themselves, except when {@code CI=true}: there they must run, so they fail instead.
 */
public final class TestDatabases {

	public static final String POSTGRES_HOST = "127.0.0.1";

	public static final int POSTGRES_PORT = 5432;

	private static final String POSTGRES_URL = "jdbc:postgresql://" + POSTGRES_HOST + ":" + POSTGRES_PORT + "/test";

	private TestDatabases() {
	}

	public static boolean isPostgres() {
		return "postgresql".equalsIgnoreCase(System.getProperty("test.database"));
	}

	/** A JDBC URL for a fresh, empty database (Flyway creates the tables on first use). */
	public static String freshUrl(Path directory) {
		if (!isPostgres()) {
			return "jdbc:h2:file:" + directory.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS";
		}
		requirePostgres();
		String schema = "cb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create a test schema in PostgreSQL: " + ex.getMessage(), ex);
		}
		return POSTGRES_URL + "?currentSchema=" + schema;
	}

	public static String user() {
		return isPostgres() ? "postgres" : "sa";
	}

	/** Skips the calling test when no PostgreSQL answers, unless CI=true, where that is a failure. */
	public static void requirePostgres() {
		boolean answers = answers();
		if (!answers && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true but no PostgreSQL answers at " + POSTGRES_HOST + ":" + POSTGRES_PORT
					+ ": .ci/run should have started it");
		}
		Assumptions.assumeTrue(answers, "no PostgreSQL at " + POSTGRES_HOST + ":" + POSTGRES_PORT);
	}

	/** Runs {@code work} on one connection to the job database at {@code url}, closed after, as a test reads it. */
	public static <T> T withJdbc(String url, Function<JdbcTemplate, T> work) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, user(), "", true);
		try {
			return work.apply(new JdbcTemplate(dataSource));
		}
		finally {
			dataSource.destroy();
		}
	}

	private static boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(POSTGRES_HOST, POSTGRES_PORT), 500);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}
}
