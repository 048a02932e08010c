package io.github.campaignbatch.application;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The job database's JDBC URL as the job needs it. An embedded H2 file database must carry three settings, whoever
 * wrote the URL: {@code WRITE_DELAY=0} (a commit is on disk before the call returns, so that a campaign's SUBMITTING
 * is there before its POST leaves), {@code DB_CLOSE_ON_EXIT=FALSE} (H2 does not close itself on SIGTERM before the
 * graceful stop is recorded) and {@code FILE_LOCK=FS} (an OS lock, released at once when a process dies; one process
 * at a time is kept by {@link JobDatabaseLock}, which does not depend on it). Missing ones
 * are added; one set to another value is refused with one line. Other URLs (in-memory and server H2, PostgreSQL) are
 * left as they are.
 */
public final class JobDatabaseUrl {

	private static final Map<String, String> REQUIRED_H2_FILE_SETTINGS = new LinkedHashMap<>();

	static {
		REQUIRED_H2_FILE_SETTINGS.put("WRITE_DELAY", "0");
		REQUIRED_H2_FILE_SETTINGS.put("DB_CLOSE_ON_EXIT", "FALSE");
		REQUIRED_H2_FILE_SETTINGS.put("FILE_LOCK", "FS");
	}

	private static final String H2 = "jdbc:h2:";

	private JobDatabaseUrl() {
	}

	/**
	 * The URL with the settings the job relies on.
	 * @throws UsageException when an embedded H2 URL sets one of them to another value
	 */
	static String withRequiredSettings(String url) {
		if (!isEmbeddedH2File(url)) {
			return url;
		}
		String[] parts = url.split(";");
		Map<String, String> present = new LinkedHashMap<>();
		for (int i = 1; i < parts.length; i++) {
			int equals = parts[i].indexOf('=');
			if (equals > 0) {
				present.put(parts[i].substring(0, equals).strip().toUpperCase(Locale.ROOT), parts[i].substring(equals + 1).strip());
			}
		}
		StringBuilder completed = new StringBuilder(url.endsWith(";") ? url.substring(0, url.length() - 1) : url);
		REQUIRED_H2_FILE_SETTINGS.forEach((name, value) -> {
			String set = present.get(name);
			if (set == null) {
				completed.append(';').append(name).append('=').append(value);
			}
			else if (!set.equalsIgnoreCase(value)) {
				throw new UsageException("the job database URL sets " + name + "=" + set + ", but the job needs " + name
						+ "=" + value + " (" + why(name) + "): remove it from CAMPAIGN_BATCH_DB_URL");
			}
		});
		return completed.toString();
	}

	private static String why(String setting) {
		return switch (setting) {
			case "WRITE_DELAY" -> "every commit on disk before a campaign is sent";
			case "DB_CLOSE_ON_EXIT" -> "a SIGTERM stop must still be recorded";
			default -> "a dead process must not keep the database locked";
		};
	}

	/** Whether the URL opens an H2 database file in this process (not in memory, not through a server). */
	static boolean isEmbeddedH2File(String url) {
		if (url == null || !url.regionMatches(true, 0, H2, 0, H2.length())) {
			return false;
		}
		String rest = url.substring(H2.length()).toLowerCase(Locale.ROOT);
		return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
	}

	/** The database file's path without H2's suffix ({@code .mv.db}), for an embedded H2 file URL. */
	static Path h2FileBase(String url) {
		String rest = url.substring(H2.length());
		int semicolon = rest.indexOf(';');
		String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
		if (path.regionMatches(true, 0, "file:", 0, 5)) {
			path = path.substring(5);
		}
		if (path.startsWith("~")) {
			path = System.getProperty("user.home") + path.substring(1);
		}
		return Path.of(path).toAbsolutePath().normalize();
	}

	/** The URL as shown to the operator: no settings, no query parameters, no user or password. */
	public static String shown(String url) {
		if (url == null) {
			return "(none)";
		}
		String shown = url;
		for (char end : new char[] { ';', '?' }) {
			int cut = shown.indexOf(end);
			if (cut >= 0) {
				shown = shown.substring(0, cut);
			}
		}
		return shown.replaceAll("//[^/@]*@", "//");
	}
}
