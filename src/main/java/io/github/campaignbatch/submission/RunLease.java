package io.github.campaignbatch.submission;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A lease on one job instance, held in the database by the process that runs it and renewed by a heartbeat.
 * It tells a live run (another process must refuse to start) from a crashed one (its STARTED execution can be
 * recovered and restarted): a lease is stale when its heartbeat is older than the time-to-live, or at once
 * when its holder is a process of this host that no longer exists.
 */
public class RunLease {

	/** Who holds a lease, as shown to an operator. */
	public record Holder(String owner, Instant acquiredAt, Instant heartbeatAt) {
	}

	private static final String HOST = hostName();

	private static final String SELF = ProcessHandle.current().pid() + "@" + HOST;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	private final Duration timeToLive;

	public RunLease(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock, Duration timeToLive) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.timeToLive = timeToLive;
	}

	/**
	 * Takes the lease, or returns who holds it. A taken lease is renewed until {@link Held#close()}.
	 */
	public Acquisition acquire(String key) {
		Instant now = this.clock.instant();
		try {
			this.ownTransaction.executeWithoutResult(status -> this.jdbc.update(
					"INSERT INTO run_lease (lease_key, owner, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?)", key, SELF,
					Timestamp.from(now), Timestamp.from(now)));
			return new Acquisition(new Held(key), null);
		}
		catch (DataIntegrityViolationException alreadyThere) {
			Optional<Holder> holder = holder(key);
			if (holder.isPresent() && !isStale(holder.get(), now)) {
				return new Acquisition(null, holder.get());
			}
			Integer taken = this.ownTransaction.execute(status -> this.jdbc.update("""
					UPDATE run_lease SET owner = ?, acquired_at = ?, heartbeat_at = ?
					WHERE lease_key = ? AND owner = ? AND heartbeat_at = ?""", SELF, Timestamp.from(now),
					Timestamp.from(now), key, holder.map(Holder::owner).orElse(""),
					Timestamp.from(holder.map(Holder::heartbeatAt).orElse(Instant.EPOCH))));
			if (taken != null && taken == 1) {
				return new Acquisition(new Held(key), null);
			}
			// Someone else took it between our read and our update.
			return new Acquisition(null, holder(key).orElse(new Holder("another process", now, now)));
		}
	}

	public Optional<Holder> holder(String key) {
		List<Holder> holders = this.jdbc.query("SELECT owner, acquired_at, heartbeat_at FROM run_lease WHERE lease_key = ?",
				(rs, n) -> new Holder(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()), key);
		return holders.stream().findFirst();
	}

	private boolean isStale(Holder holder, Instant now) {
		if (holder.heartbeatAt().plus(this.timeToLive).isBefore(now)) {
			return true;
		}
		int at = holder.owner().indexOf('@');
		if (at > 0 && holder.owner().substring(at + 1).equals(HOST)) {
			try {
				long pid = Long.parseLong(holder.owner().substring(0, at));
				return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		return false;
	}

	/** The outcome of {@link #acquire}: exactly one of {@code held} and {@code heldBy} is set. */
	public record Acquisition(Held held, Holder heldBy) {
	}

	/** A lease this process holds; closing it stops the heartbeat and gives the lease back. */
	public final class Held implements AutoCloseable {

		private final String key;

		private final ScheduledExecutorService heartbeat;

		Held(String key) {
			this.key = key;
			this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "lease-heartbeat");
				thread.setDaemon(true);
				return thread;
			});
			long period = Math.max(200, RunLease.this.timeToLive.toMillis() / 3);
			this.heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
		}

		private void beat() {
			try {
				RunLease.this.ownTransaction.executeWithoutResult(status -> RunLease.this.jdbc.update(
						"UPDATE run_lease SET heartbeat_at = ? WHERE lease_key = ? AND owner = ?",
						Timestamp.from(RunLease.this.clock.instant()), this.key, SELF));
			}
			catch (RuntimeException ex) {
				// A missed beat only shortens the lease; the run itself decides whether the database is gone.
			}
		}

		@Override
		public void close() {
			// A beat in progress ends first: an interrupt in a database call would close H2's file under the process.
			this.heartbeat.shutdown();
			try {
				this.heartbeat.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			try {
				RunLease.this.ownTransaction.executeWithoutResult(status -> RunLease.this.jdbc
					.update("DELETE FROM run_lease WHERE lease_key = ? AND owner = ?", this.key, SELF));
			}
			catch (RuntimeException ex) {
				// The lease goes stale by itself.
			}
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return ManagementFactory.getRuntimeMXBean().getName();
		}
	}
}
