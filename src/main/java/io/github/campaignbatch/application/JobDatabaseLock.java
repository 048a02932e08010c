package io.github.campaignbatch.application;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.campaignbatch.output.SafeFiles;

/**
 * Keeps an embedded H2 job database to one process at a time, by the operating system: an exclusive lock (fcntl on
 * Linux) on {@code <database>.lock} beside the database file, taken before the application opens the database and let
 * go only once the application has closed it. The kernel lets it go when the process ends, however it ends (SIGKILL
 * too): a dead process never keeps the database, and a living one keeps it as long as it lives, a stop that is
 * overdue included.
 *
 * <p>H2's own {@code FILE_LOCK=FS} is the same kind of lock, on the {@code .mv.db} file; but a POSIX lock belongs to
 * the process and goes as soon as the process closes any descriptor of the file, for whatever reason (making the file
 * owner-only through a descriptor did, see {@link SafeFiles#makeOwnerOnly}). Only this class opens the lock file.
 *
 * <p>Since the lock belongs to the process, the applications one JVM starts on the same database (tests run commands
 * side by side in one JVM; H2 serves them one shared database instance, which is safe) share one lock, counted: it
 * goes when the last of them closes.
 */
final class JobDatabaseLock {

	private static final Map<Path, Holder> HELD = new HashMap<>();

	private static final Pattern HOLDER_LINE = Pattern.compile("pid (\\d{1,10}) since (\\S{1,40})");

	private JobDatabaseLock() {
	}

	/** The lock file of the H2 database whose files are {@code <base>.mv.db} etc. */
	static Path lockFile(Path databaseBase) {
		return databaseBase.resolveSibling(databaseBase.getFileName() + ".lock");
	}

	/**
	 * This process's lock on the database at {@code databaseBase} (its folder exists), or one more share of it.
	 * @throws DatabaseInUseException when another process holds it
	 * @throws UsageException when the lock file cannot be opened or locked (e.g. a folder this user cannot write)
	 */
	static Lease acquire(Path databaseBase) {
		Path file;
		try {
			// One key per file however it was named (a link in the path, a relative URL), as the JVM's own lock table has it.
			file = lockFile(databaseBase.getParent().toRealPath().resolve(databaseBase.getFileName()));
		}
		catch (IOException ex) {
			throw cannotLock(databaseBase.getParent(), ex);
		}
		synchronized (HELD) {
			Holder holder = HELD.get(file);
			if (holder == null) {
				holder = Holder.take(file);
				HELD.put(file, holder);
			}
			holder.shares++;
			return new Lease(file);
		}
	}

	/** One application's share of the lock. */
	static final class Lease implements AutoCloseable {

		private final Path file;

		private boolean closed;

		private Lease(Path file) {
			this.file = file;
		}

		/** Lets this share go; the lock goes with the last share. Closing twice is harmless. */
		@Override
		public void close() {
			synchronized (HELD) {
				if (this.closed) {
					return;
				}
				this.closed = true;
				Holder holder = HELD.get(this.file);
				if (--holder.shares == 0) {
					HELD.remove(this.file);
					holder.release();
				}
			}
		}
	}

	private static final class Holder {

		private final FileChannel channel;

		private final FileLock lock;

		private int shares;

		private Holder(FileChannel channel, FileLock lock) {
			this.channel = channel;
			this.lock = lock;
		}

		static Holder take(Path file) {
			FileChannel channel = null;
			try {
				channel = SafeFiles.openOwnerOnly(file);
				FileLock lock = channel.tryLock();
				if (lock == null) {
					String holder = holderOf(channel);
					channel.close();
					throw new DatabaseInUseException(holder);
				}
				// For the operator and for the refusal message of the next process; only the lock decides anything.
				channel.truncate(0);
				channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since "
						+ Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
				channel.force(false);
				return new Holder(channel, lock);
			}
			catch (IOException ex) {
				closeQuietly(channel);
				throw cannotLock(file, ex);
			}
			catch (RuntimeException ex) {
				closeQuietly(channel);
				throw ex;
			}
		}

		void release() {
			try {
				// An empty lock file: nobody holds the database (a killed holder leaves its line; the lock is gone anyway).
				this.channel.truncate(0);
				this.lock.release();
			}
			catch (IOException ex) {
				// Closing the descriptor below lets the lock go all the same.
			}
			finally {
				closeQuietly(this.channel);
			}
		}
	}

	/**
	 * "pid N since T" for a holder whose line names a process still alive, else {@code null}: the line is only what the
	 * holder wrote, and may be a dead process's or not written yet.
	 */
	private static String holderOf(FileChannel channel) throws IOException {
		ByteBuffer content = ByteBuffer.allocate(128);
		channel.read(content, 0);
		Matcher line = HOLDER_LINE.matcher(new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII));
		if (!line.lookingAt() || !ProcessHandle.of(Long.parseLong(line.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
			return null;
		}
		return "pid " + line.group(1) + " since " + line.group(2);
	}

	private static UsageException cannotLock(Path where, IOException ex) {
		String reason = ex instanceof FileSystemException named ? named.getReason() : ex.getMessage();
		return new UsageException("cannot lock the job database: " + where + ": "
				+ (reason == null ? ex.getClass().getSimpleName() : reason)
				+ " (the database's folder must be writable by the user the job runs as, the lock file a regular file)");
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Nothing more to let go.
			}
		}
	}
}
