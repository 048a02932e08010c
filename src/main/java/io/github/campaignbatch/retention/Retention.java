package io.github.campaignbatch.retention;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.campaignbatch.staging.StagingStore;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgets what the job database no longer needs.
 *
 * <p>What each kind of job instance keeps, and until when ({@link #prune}; docs/operations.md says the same):
 * <ul>
 * <li>a <b>dry run</b>: its staged device rows and planned campaigns go as soon as its summary and report are written
 * ({@link #forgetDryRun}); its execution record goes once older than the horizon;</li>
 * <li>a <b>completed real run</b>: its staged device rows go once older than the horizon (its report was written;
 * {@code report --execution} can no longer rewrite it). Its ledger (the campaigns with their vendor ids and states)
 * and its execution record stay, because they are what keeps the same input from being sent again, until every one
 * of its campaigns has ended before the horizon: the vendor no longer runs them, and the same rows could not be
 * submitted again anyway (a start date in the past is refused);</li>
 * <li>a real run that did not complete (failed, stopped, left running), or that an earlier version completed with
 * campaigns in doubt or unsent, is never pruned: it is restartable and its ledger is what settles them. Mark it
 * ABANDONED in the job repository to let it go like a completed one.</li>
 * </ul>
 * Leases not renewed since before the horizon are removed too. The staged rows live in per-job staging files
 * ({@link StagingStore}); {@link #forgetStagedRows} is the one place that knows it.
 */
public class Retention {

	private final JdbcTemplate jdbc;

	private final JobRepository jobRepository;

	private final TransactionTemplate transactions;

	private final String jobName;

	private final StagingStore staging;

	public Retention(JdbcTemplate jdbc, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			String jobName, StagingStore staging) {
		this.staging = staging;
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.transactions = new TransactionTemplate(transactionManager);
		this.jobName = jobName;
	}

	/** A dry run's rows, once its summary and report are written: nothing will read them again. */
	public void forgetDryRun(long jobInstanceId) {
		this.transactions.executeWithoutResult(status -> {
			forgetStagedRows(jobInstanceId);
			forgetLedger(jobInstanceId);
		});
	}

	/** Whether an instance's staged rows were let go (a dry run once reported, or a pruned real run). */
	public boolean stagedRowsForgotten(long jobInstanceId) {
		return !this.staging.isStaged(jobInstanceId);
	}

	/**
	 * Forgets what ended before {@code horizon} (see the class comment for what is kept), then compacts the database
	 * where the engine allows it.
	 */
	public Pruned prune(LocalDateTime horizon, Classifier classifier) {
		int dryRuns = 0;
		int stagedRowsOf = 0;
		int realRuns = 0;
		int keptRestartable = 0;
		List<JobInstance> instances = new ArrayList<>(this.jobRepository.findJobInstances(this.jobName));
		for (JobInstance instance : instances) {
			JobExecution last = this.jobRepository.getLastJobExecution(instance);
			if (last == null) {
				continue;
			}
			LocalDateTime ended = last.getEndTime() != null ? last.getEndTime() : last.getCreateTime();
			if (ended == null || !ended.isBefore(horizon)) {
				continue;
			}
			long id = instance.getInstanceId();
			if (classifier.isDryRun(last)) {
				forgetInstance(instance);
				dryRuns++;
			}
			else if ((last.getStatus() != BatchStatus.COMPLETED && last.getStatus() != BatchStatus.ABANDONED)
					|| (last.getStatus() == BatchStatus.COMPLETED && hasCampaignsNotFinal(id))) {
				keptRestartable++;
			}
			else if (allCampaignsEndedBefore(id, horizon.toLocalDate())) {
				forgetInstance(instance);
				realRuns++;
			}
			else if (!stagedRowsForgotten(id)) {
				this.transactions.executeWithoutResult(status -> forgetStagedRows(id));
				stagedRowsOf++;
			}
		}
		int leases = this.jdbc.update("DELETE FROM run_lease WHERE heartbeat_at < ?", horizon);
		String compaction = compact();
		return new Pruned(dryRuns, stagedRowsOf, realRuns, keptRestartable, leases, compaction);
	}

	/** The one place that knows where staged device rows live. */
	private void forgetStagedRows(long jobInstanceId) {
		this.staging.discard(jobInstanceId);
	}

	/**
	 * Campaigns in doubt or unsent in a completed run (an earlier version could leave them): the ledger is what
	 * settles them, so the run is kept as a restartable one.
	 */
	private boolean hasCampaignsNotFinal(long jobInstanceId) {
		Integer open = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM campaign WHERE job_instance_id = ? AND state NOT IN ('SCHEDULED', 'REJECTED', 'HALTED',"
						+ " 'EXPIRED')",
				Integer.class, jobInstanceId);
		return open != null && open > 0;
	}

	/** The instance's campaigns and the rollout policy they were planned with. */
	private void forgetLedger(long jobInstanceId) {
		this.jdbc.update("DELETE FROM campaign WHERE job_instance_id = ?", jobInstanceId);
		this.jdbc.update("DELETE FROM campaign_rollout WHERE job_instance_id = ?", jobInstanceId);
	}

	private boolean allCampaignsEndedBefore(long jobInstanceId, LocalDate day) {
		Integer running = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM campaign WHERE job_instance_id = ? AND end_date >= ?", Integer.class, jobInstanceId,
				day);
		return running != null && running == 0;
	}

	private void forgetInstance(JobInstance instance) {
		long id = instance.getInstanceId();
		this.transactions.executeWithoutResult(status -> {
			forgetStagedRows(id);
			this.jdbc.update("DELETE FROM amended_device WHERE job_instance_id = ?", id);
			this.jdbc.update("DELETE FROM campaign_amendment WHERE job_instance_id = ?", id);
			forgetLedger(id);
			this.jobRepository.deleteJobInstance(instance);
		});
	}

	/**
	 * Gives the space back. H2 embedded: {@code SHUTDOWN COMPACT} rewrites the file (this process holds the only
	 * connection to it: H2 serves one process at a time); the database is closed afterwards, so this is the last
	 * thing a command does. PostgreSQL: {@code VACUUM ANALYZE} of the pruned tables makes their space reusable
	 * (only {@code VACUUM FULL}, which locks them, would return it to the system: left to the operator).
	 */
	private String compact() {
		String product = this.jdbc.execute((java.sql.Connection connection) -> connection.getMetaData()
			.getDatabaseProductName()
			+ "|" + connection.getMetaData().getURL());
		String[] parts = product == null ? new String[] { "", "" } : product.split("\\|", 2);
		String name = parts[0].toLowerCase(Locale.ROOT);
		String url = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "";
		if (name.contains("h2") && !url.contains(":mem:") && !url.contains(":tcp:") && !url.contains(":ssl:")) {
			this.jdbc.execute("SHUTDOWN COMPACT");
			return "compacted (H2 SHUTDOWN COMPACT)";
		}
		if (name.contains("postgresql")) {
			this.jdbc.execute("VACUUM ANALYZE campaign, run_lease");
			return "vacuumed (PostgreSQL VACUUM ANALYZE)";
		}
		return "not compacted (" + parts[0] + ")";
	}

	/** Tells dry runs from real runs by their parameters (the job package knows how). */
	@FunctionalInterface
	public interface Classifier {

		boolean isDryRun(JobExecution execution);
	}

	/**
	 * What a prune did.
	 *
	 * @param dryRuns dry runs forgotten entirely
	 * @param stagedRowsOf completed real runs whose staged rows went (ledger and execution kept)
	 * @param realRuns real runs forgotten entirely (every campaign ended before the horizon)
	 * @param keptRestartable real runs kept because they did not complete
	 * @param leases stale run leases removed
	 * @param compaction what was done to give the space back
	 */
	public record Pruned(int dryRuns, int stagedRowsOf, int realRuns, int keptRestartable, int leases, String compaction) {
	}
}
