package io.github.campaignbatch.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.github.campaignbatch.output.SafeFiles;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where each job instance's devices are staged: one DuckDB file per instance under
 * {@code campaign.staging.directory}, named in the job database's {@code staging_file} table so that the
 * database (H2 or PostgreSQL, with the job repository and the ledger) says which file holds which instance's
 * devices. An instance with no such row has no staged devices: its load step did not run, its rows were let go
 * ({@link #discard}), or a development version staged it in the job database (migration V12 says what became of
 * those).
 * <p>
 * A restart of the load step stages the input again from its first row ({@link #startOver}): the input is the
 * one the job instance was made for (its SHA-256 is an identifying job parameter), so re-staging gives the same
 * rows, and nothing in the file is ever half-trusted after a crash.
 */
public class StagingStore {

	private final JdbcTemplate jdbc;

	private final StagingSettings settings;

	public StagingStore(JdbcTemplate jdbc, StagingSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** Forgets any earlier staging of the instance and opens a fresh, empty file for it. */
	public StagedInstance startOver(long jobInstanceId) {
		discard(jobInstanceId);
		String name = "job-" + jobInstanceId + "-" + UUID.randomUUID().toString().substring(0, 8) + ".duckdb";
		// named in the database before the file exists: a crash in between leaves no file nobody knows of
		this.jdbc.update("INSERT INTO staging_file (job_instance_id, file_name, format, staged_at) VALUES (?, ?, ?, ?)",
				jobInstanceId, name, StagedInstance.FORMAT, Timestamp.from(Instant.now()));
		try {
			privateFolders();
			StagedInstance staged = StagedInstance.open(directory().resolve(name), this.settings);
			ownerOnly(directory().resolve(name));
			staged.create(jobInstanceId);
			return staged;
		}
		catch (IOException | SQLException ex) {
			throw new StagingException("cannot create the staging file " + directory().resolve(name) + ": "
					+ ex.getMessage() + " (set campaign.staging.directory or CAMPAIGN_BATCH_DATA_DIR to a writable directory)", ex);
		}
	}

	/**
	 * The staged devices of the instance, or {@code null} when it has none (see the class comment).
	 * @throws StagingException when the file named for the instance is gone or unreadable
	 */
	public StagedInstance open(long jobInstanceId) {
		String name = fileName(jobInstanceId);
		if (name == null) {
			return null;
		}
		Path file = directory().resolve(name);
		if (!Files.exists(file)) {
			throw new StagingException("the staged devices of job instance " + jobInstanceId + " were in " + file
					+ ", which is gone (another host's data directory, or deleted): run on the host and data directory"
					+ " that staged it, or set campaign.staging.directory to where the file is");
		}
		try {
			privateFolders();
			ownerOnly(file);
			StagedInstance staged = StagedInstance.open(file, this.settings);
			if (!staged.isFormatOf(jobInstanceId)) {
				staged.close();
				throw new StagingException(file + " does not hold the staged devices of job instance " + jobInstanceId);
			}
			return staged;
		}
		catch (IOException | SQLException ex) {
			throw new StagingException("cannot open the staging file " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The staged devices of the instance, for a step that cannot go on without them.
	 * @throws StagingException when it has none, or the file is gone or unreadable
	 */
	public StagedInstance require(long jobInstanceId) {
		StagedInstance staged = open(jobInstanceId);
		if (staged == null) {
			throw new StagingException("job instance " + jobInstanceId + " has no staged devices: its load step did not"
					+ " run, or its rows were let go");
		}
		return staged;
	}

	/** Whether the instance's devices are staged in a file of this store. */
	public boolean isStaged(long jobInstanceId) {
		return fileName(jobInstanceId) != null;
	}

	/** Deletes the instance's staging file, if any, and forgets it (e.g. a dry run after its report, or pruning). */
	public void discard(long jobInstanceId) {
		String name = fileName(jobInstanceId);
		if (name == null) {
			return;
		}
		Path file = directory().resolve(name);
		try {
			Files.deleteIfExists(file);
			Files.deleteIfExists(file.resolveSibling(name + ".wal"));
			// left by a load that did not finish (a killed process)
			Files.deleteIfExists(StagedInstance.loadLinesOf(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot delete the staging file " + file, ex);
		}
		this.jdbc.update("DELETE FROM staging_file WHERE job_instance_id = ?", jobInstanceId);
	}

	/**
	 * The staging folder and DuckDB's spill folder {@code tmp/} inside it, owner-only: they hold every IMEI, and DuckDB
	 * creates its files (the database, its write-ahead log, spilled data) with the umask's mode.
	 */
	private void privateFolders() throws IOException {
		SafeFiles.privateFolder(directory());
		SafeFiles.privateFolder(directory().resolve("tmp"));
	}

	/** A staging file and its write-ahead log, if any, owner-only (DuckDB makes them readable by all). */
	private static void ownerOnly(Path file) throws IOException {
		SafeFiles.makeOwnerOnly(file);
		SafeFiles.makeOwnerOnly(file.resolveSibling(file.getFileName() + ".wal"));
	}

	private String fileName(long jobInstanceId) {
		List<String> names = this.jdbc.queryForList("SELECT file_name FROM staging_file WHERE job_instance_id = ?",
				String.class, jobInstanceId);
		return names.isEmpty() ? null : names.get(0);
	}

	Path directory() {
		return this.settings.directory().toAbsolutePath();
	}
}
