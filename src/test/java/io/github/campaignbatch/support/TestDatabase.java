package io.github.campaignbatch.support;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh, migrated database per call, for tests of SQL-backed rules without Spring: in-memory H2, or a fresh
 * PostgreSQL schema when {@link TestDatabases#isPostgres()}.
 */
public final class TestDatabase {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private TestDatabase() {
	}

	public static DataSource fresh() {
		if (TestDatabases.isPostgres()) {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setUrl(TestDatabases.freshUrl(null));
			dataSource.setUser(TestDatabases.user());
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/postgresql").load().migrate();
			return dataSource;
		}
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:test" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
		dataSource.setUser("sa");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
		return dataSource;
	}

	public static JdbcTemplate freshTemplate() {
		return new JdbcTemplate(fresh());
	}
}
