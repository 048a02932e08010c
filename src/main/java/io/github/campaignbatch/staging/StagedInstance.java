package io.github.campaignbatch.staging;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The staged devices of one job instance: a DuckDB file of its own (see docs/architecture.md, "Staging"). Narrow
 * rows: each distinct campaign definition is stored once in {@code definition}, and a device row holds its row,
 * its position in the row, its IMEI, its definition's number and its outcome. Grouping runs in DuckDB with
 * window functions over the whole input; its result is the table {@code entry}, addressed by (row_no, seq).
 * <p>
 * This class is the open file (its layout, its connection, the queries every step shares); each step works on it
 * through a class of its own: {@link StagedLoad}, {@link StagedGrouping}, {@link StagedRejections} (the pre-flight)
 * and {@link StagedReport}. Not thread-safe: one step uses it at a time.
 */
public final class StagedInstance implements AutoCloseable {

	/** Bumped when the layout of the file changes; a file of another format is staged again, never read. */
	static final int FORMAT = 1;

	private static final int MAX_MESSAGE_LENGTH = 1000;

	private static final String SCHEMA = """
			CREATE TABLE staging_info (format INTEGER NOT NULL, job_instance_id BIGINT NOT NULL);
			CREATE TABLE definition (def_id INTEGER NOT NULL, account VARCHAR, campaign_name VARCHAR, file_name VARCHAR,
				file_version VARCHAR, distribution_type VARCHAR, start_date DATE, end_date DATE, download_after_date DATE,
				install_after_date DATE, download_windows VARCHAR, install_windows VARCHAR, campaign_key VARCHAR,
				schedule_sig VARCHAR);
			CREATE TABLE device (row_no BIGINT NOT NULL, seq INTEGER NOT NULL, imei VARCHAR NOT NULL, def_id INTEGER NOT NULL,
				status VARCHAR NOT NULL, error_code VARCHAR, error_message VARCHAR);
			""";

	private final DuckDBConnection connection;

	private final Path file;

	private StagedInstance(DuckDBConnection connection, Path file) {
		this.connection = connection;
		this.file = file;
	}

	static StagedInstance open(Path file, StagingSettings settings) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("memory_limit", settings.memoryLimit());
		properties.setProperty("threads", Integer.toString(settings.threads()));
		properties.setProperty("temp_directory", file.resolveSibling("tmp").toString());
		// bounded memory: keep row order only where a query asks for it (ORDER BY), and stream results
		properties.setProperty("preserve_insertion_order", "false");
		properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
		Connection connection;
		try {
			connection = new DuckDBDriver().connect("jdbc:duckdb:" + file.toAbsolutePath(), properties);
		}
		catch (LinkageError ex) {
			Throwable cause = EngineWarmUp.failure() != null ? EngineWarmUp.failure() : ex;
			throw new SQLException("cannot load the staging engine (DuckDB's native library): " + cause, cause);
		}
		return new StagedInstance((DuckDBConnection) connection, file);
	}

	/** A fresh file: creates the tables. */
	void create(long jobInstanceId) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(SCHEMA);
			statement.execute("INSERT INTO staging_info VALUES (" + FORMAT + ", " + jobInstanceId + ")");
		}
	}

	/** Whether this file was made by this version of the layout, for this job instance. */
	boolean isFormatOf(long jobInstanceId) throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT format, job_instance_id FROM staging_info")) {
			return rows.next() && rows.getInt(1) == FORMAT && rows.getLong(2) == jobInstanceId;
		}
		catch (SQLException noTable) {
			return false;
		}
	}

	Path file() {
		return this.file;
	}

	/** Where the load step's device lines wait beside a staging file until the step ends ({@link StagedLoad}). */
	static Path loadLinesOf(Path file) {
		return file.resolveSibling(file.getFileName() + ".load");
	}

	DuckDBConnection connection() {
		return this.connection;
	}

	/** Appends every item of {@code source} to {@code table}, one row each. */
	<T> void appendAll(String table, Consumer<Consumer<T>> source, RowAppender<T> appender) throws SQLException {
		try (DuckDBAppender rows = this.connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
			SQLException[] failure = { null };
			source.accept(item -> {
				if (failure[0] != null) {
					return;
				}
				try {
					rows.beginRow();
					appender.append(rows, item);
					rows.endRow();
				}
				catch (SQLException ex) {
					failure[0] = ex;
				}
			});
			if (failure[0] != null) {
				throw failure[0];
			}
		}
	}

	@FunctionalInterface
	interface RowAppender<T> {

		void append(DuckDBAppender row, T item) throws SQLException;
	}

	/**
	 * Runs {@code statement} with DuckDB keeping insertion order, which the file is opened without (for bounded
	 * memory), and turns it off again on a statement of its own: DuckDB closes a statement whose command failed,
	 * and a reset on that one would hide the failure behind "Statement was closed".
	 * @return the rows the statement wrote (its update count)
	 */
	long executeInInsertionOrder(String sql) throws SQLException {
		setInsertionOrder(true);
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
			return statement.getUpdateCount();
		}
		finally {
			setInsertionOrder(false);
		}
	}

	private void setInsertionOrder(boolean preserved) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("SET preserve_insertion_order = " + preserved);
		}
	}

	/** A SQL string literal of {@code text}. */
	public static String literal(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	static void appendText(DuckDBAppender row, String text) throws SQLException {
		if (text == null) {
			row.appendNull();
		}
		else {
			row.append(text);
		}
	}

	/**
	 * A read-only query over the staging tables ({@code definition}, {@code device}, and after grouping
	 * {@code entry}, whose rows are addressed by {@code row_no, seq}).
	 */
	public void query(String sql, RowHandler handler) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				handler.handle(rows);
			}
		}
	}

	boolean hasTable(String name) throws SQLException {
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT COUNT(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary")) {
			statement.setString(1, name);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1) > 0;
			}
		}
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

	static String clip(String message) {
		return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
	}

	/** One result row at a time. */
	@FunctionalInterface
	public interface RowHandler {

		void handle(ResultSet row) throws SQLException;
	}
}
