package io.github.campaignbatch.support;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A process that holds a job database open until its standard input closes: another process then finds an
 * embedded H2 database in use. {@code java ... HoldDatabase URL}; prints {@code open} once it holds it.
 */
public final class HoldDatabase {

	private HoldDatabase() {
	}

	public static void main(String[] args) throws Exception {
		try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
			connection.createStatement().execute("SELECT 1");
			System.out.println("open");
			System.out.flush();
			while (System.in.read() >= 0) {
				// until the parent closes our input
			}
		}
	}
}
