package io.github.campaignbatch.application;

/** The embedded H2 database is open in another process: H2 serves one process at a time. */
public class DatabaseInUseException extends RuntimeException {

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
