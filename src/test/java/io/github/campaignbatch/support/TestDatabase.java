package io.github.campaignbatch.support;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh, migrated in-memory H2 database per call, for tests of SQL-backed rules without Spring.
 */
public final class TestDatabase {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private TestDatabase() {
	}

	public static DataSource h2() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:test" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
		dataSource.setUser("sa");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
		return dataSource;
	}

	public static JdbcTemplate h2Template() {
		return new JdbcTemplate(h2());
	}
}
