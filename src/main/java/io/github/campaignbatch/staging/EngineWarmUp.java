package io.github.campaignbatch.staging;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads DuckDB's native library on a background thread while the application starts. The JDBC driver unpacks its
 * 57 MB library to a temporary file and links it on first use: about half a second of a small file's
 * {@code validate} that nothing else needs to wait for, and on a machine with more than one core it overlaps with
 * the Spring start. A second thread reaching the driver meanwhile waits for the same class initialisation (the
 * JVM's class-init lock), so the library is never loaded twice.
 */
public final class EngineWarmUp {

	private static final String NATIVE_LIBRARY_CLASS = "org.duckdb.DuckDBNative";

	private static final AtomicBoolean started = new AtomicBoolean();

	private static volatile Throwable failure;

	private EngineWarmUp() {
	}

	/** Starts loading the staging engine's native library, once per process; returns at once. */
	public static void startInBackground() {
		if (!started.compareAndSet(false, true)) {
			return;
		}
		Thread thread = new Thread(EngineWarmUp::load, "staging-engine-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	private static void load() {
		try {
			Class.forName(NATIVE_LIBRARY_CLASS, true, EngineWarmUp.class.getClassLoader());
		}
		catch (Throwable ex) {
			// kept for the first real use, whose error would otherwise only say the class could not be initialised
			failure = ex;
		}
	}

	/** Why the background load failed, or null: the cause to give when the engine cannot be opened later. */
	static Throwable failure() {
		return failure;
	}
}
