package io.github.campaignbatch.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A report of another run found where this run writes its own: every run of {@code F.csv} reports to
 * {@code out/F.results.csv} by default, so a later validate or run of a file with the same name (another account,
 * other content) would replace it. The earlier report is kept under a name of its own unless the new one only
 * supersedes it: written by the same job instance (a restart, or "already processed"), or the earlier one was a dry
 * run of the same content for the same account (the preview of what is now validated again or run).
 */
public class EarlierReports {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private final JdbcTemplate jdbc;

	public EarlierReports(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The run writing a report, as its job parameters describe it. */
	public record Writer(long executionId, long jobInstanceId, boolean dryRun, String inputSha256, String account) {
	}

	/** Where an earlier report went, and whose it was ({@code null} writer: no run on record wrote that file). */
	public record Kept(Path keptAs, Writer earlier) {

		/** For the run's summary: whose report was in the way, and where it is now. */
		public String describe() {
			String whose = this.earlier == null ? "a file no recorded run wrote"
					: "execution " + this.earlier.executionId() + "'s" + (this.earlier.dryRun() ? " (a validate)" : " (a run)");
			return whose + ", kept as " + this.keptAs;
		}
	}

	/**
	 * Whether a report of {@code current} may replace the one {@code earlier} wrote: only when it supersedes it. A run
	 * that sent is never replaced by another instance's report, nor is a report of other content or another account.
	 */
	public static boolean supersedes(Writer current, Writer earlier) {
		if (earlier.jobInstanceId() == current.jobInstanceId()) {
			return true;
		}
		return earlier.dryRun() && Objects.equals(earlier.inputSha256(), current.inputSha256())
				&& Objects.equals(earlier.account(), current.account());
	}

	/** Where a report this execution wrote to {@code report} went when another run's report took its place. */
	public static Path keptAs(Path report, long executionId) {
		return withSuffix(report, "execution-" + executionId);
	}

	/**
	 * The longest kept name, in UTF-8 bytes: the usual file-name limit (255 bytes on ext4, XFS, btrfs, APFS) less
	 * room for the {@code -N} a name already taken gets.
	 */
	static final int MAX_KEPT_NAME_BYTES = 255 - 6;

	/**
	 * {@code F.results.csv} of execution 7: {@code F.results.execution-7.csv}; a file no recorded run wrote:
	 * {@code F.results.earlier-20261207-013000.csv} (its modification time, UTC).
	 */
	static Path keptName(Path report, Writer earlier, long modifiedMillis) {
		return earlier != null ? keptAs(report, earlier.executionId())
				: withSuffix(report, "earlier-" + STAMP.format(Instant.ofEpochMilli(modifiedMillis)));
	}

	/**
	 * {@code F.results.csv} with {@code suffix}: {@code F.results.SUFFIX.csv}, the stem shortened when the name would
	 * not fit {@link #MAX_KEPT_NAME_BYTES}: a report whose own name is near the file system's limit is kept too.
	 */
	private static Path withSuffix(Path report, String suffix) {
		String name = report.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		String extension = dot > 0 ? name.substring(dot) : "";
		String tail = "." + suffix + extension;
		int room = MAX_KEPT_NAME_BYTES - utf8Length(tail);
		while (utf8Length(stem) > room) {
			stem = stem.substring(0, stem.offsetByCodePoints(stem.length(), -1));
		}
		return report.resolveSibling(stem + tail);
	}

	private static int utf8Length(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
	}

	/**
	 * Before the job instance's (last) execution writes {@code report}: moves a report there that it does not
	 * supersede to a name of its own (never over another file), and says where; empty when nothing had to move.
	 * @throws ReportWriteException when the earlier report cannot be moved (nothing is written over it then)
	 */
	public Optional<Kept> keepUnlessSuperseded(Path report, long jobInstanceId) {
		Path absolute = report.toAbsolutePath().normalize();
		if (!Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.empty();
		}
		try {
			return keep(absolute, writer(lastExecution(jobInstanceId)));
		}
		catch (IOException ex) {
			throw new ReportWriteException("cannot write the report " + absolute + ": another run's report is there and"
					+ " could not be moved aside (" + ex.getMessage() + "); move it yourself, then restart", ex);
		}
	}

	private Optional<Kept> keep(Path absolute, Writer current) throws IOException {
		Writer earlier = lastWriter(absolute, current.jobInstanceId()).orElse(null);
		if (earlier == null && wroteItItself(absolute, current.jobInstanceId())) {
			return Optional.empty();
		}
		if (earlier != null && supersedes(current, earlier)) {
			return Optional.empty();
		}
		Path first = keptName(absolute, earlier, Files.getLastModifiedTime(absolute, LinkOption.NOFOLLOW_LINKS).toMillis());
		Path kept = first;
		for (int n = 2; Files.exists(kept, LinkOption.NOFOLLOW_LINKS); n++) {
			String name = first.getFileName().toString();
			int dot = name.lastIndexOf('.');
			kept = first.resolveSibling(name.substring(0, dot) + "-" + n + name.substring(dot));
		}
		Files.move(absolute, kept, StandardCopyOption.ATOMIC_MOVE);
		return Optional.of(new Kept(kept, earlier));
	}

	private long lastExecution(long jobInstanceId) {
		return this.jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?",
				Long.class, jobInstanceId);
	}

	/** The last execution of another job instance that reported to this file, if any is on record. */
	Optional<Writer> lastWriter(Path report, long exceptJobInstance) {
		List<Long> executions = this.jdbc.queryForList("""
				SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION_PARAMS p
				JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID
				WHERE p.PARAMETER_NAME = 'report.file' AND p.PARAMETER_VALUE = ? AND e.JOB_INSTANCE_ID <> ?""",
				Long.class, report.toString(), exceptJobInstance);
		Long execution = executions.isEmpty() ? null : executions.get(0);
		return execution == null ? Optional.empty() : Optional.of(writer(execution));
	}

	/** A restart finds the report its own instance wrote before: no other run is on record for that file. */
	private boolean wroteItItself(Path report, long jobInstanceId) {
		Long count = this.jdbc.queryForObject("""
				SELECT COUNT(*) FROM BATCH_JOB_EXECUTION_PARAMS p
				JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID
				WHERE p.PARAMETER_NAME = 'report.file' AND p.PARAMETER_VALUE = ? AND e.JOB_INSTANCE_ID = ?
				AND e.JOB_EXECUTION_ID < (SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x
					WHERE x.JOB_INSTANCE_ID = ?)""", Long.class, report.toString(), jobInstanceId, jobInstanceId);
		return count != null && count > 0;
	}

	/** The execution's writer, from its parameters (names as {@code CampaignJobParameters} defines them). */
	private Writer writer(long executionId) {
		long[] instance = { 0 };
		String[] values = new String[3];
		this.jdbc.query("""
				SELECT e.JOB_INSTANCE_ID, p.PARAMETER_NAME, p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION e
				LEFT JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				AND p.PARAMETER_NAME IN ('mode', 'input.sha256', 'account')
				WHERE e.JOB_EXECUTION_ID = ?""", rs -> {
			instance[0] = rs.getLong(1);
			String name = rs.getString(2);
			if ("mode".equals(name)) {
				values[0] = rs.getString(3);
			}
			else if ("input.sha256".equals(name)) {
				values[1] = rs.getString(3);
			}
			else if ("account".equals(name)) {
				values[2] = rs.getString(3);
			}
		}, executionId);
		return new Writer(executionId, instance[0], "dry-run".equals(values[0]), values[1], values[2]);
	}
}
