package io.github.campaignbatch.hardening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.campaignbatch.cli.Main;
import io.github.campaignbatch.support.CommandRunner;
import io.github.campaignbatch.support.HoldDatabase;
import io.github.campaignbatch.support.NullDevices;
import io.github.campaignbatch.support.CommandRunner.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's write paths end to end through the CLI: what the job writes to, what it refuses, what it follows.
 */
class WritePathsTest {

	private static final Path SAMPLE = Path.of("input-samples", "clean-campaigns.csv");

	@TempDir
	Path work;

	private Result validate(CommandRunner runner, Path input, String... more) {
		List<String> args = new ArrayList<>(List.of("validate", "--input", input.toString(), "--account", "ACC",
				"--today", "2026-01-01"));
		args.addAll(List.of(more));
		return runner.run(args.toArray(String[]::new));
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
	}

	private Path fifo(String name) throws Exception {
		Path fifo = this.work.resolve(name);
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
		assertThat(mkfifo.waitFor()).isZero();
		return fifo;
	}

	@Test
	void aReportTargetThatIsNotARegularFileIsRefusedOnOneLineBeforeAnythingRuns() throws Exception {
		Path pipe = fifo("report.csv");
		Path victim = Files.writeString(this.work.resolve("victim.csv"), "keep\n");
		Path link = Files.createSymbolicLink(this.work.resolve("link.csv"), victim);
		CommandRunner runner = new CommandRunner(this.work);

		// a device of the test's own, never the machine's /dev/null (see NullDevices)
		Path device = NullDevices.in(this.work, "device.csv");
		for (Path target : List.of(pipe, link, device)) {
			Result result = validate(runner, SAMPLE, "--report", target.toString());

			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.errLines()).as(result.toString()).hasSize(1);
			assertThat(result.err()).contains("exists and is not a regular file");
			assertThat(result.out()).doesNotContain("Dry run of");
		}
		assertThat(Files.isRegularFile(pipe, LinkOption.NOFOLLOW_LINKS)).isFalse();
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(victim).hasContent("keep");
		assertThat(Files.isRegularFile(device, LinkOption.NOFOLLOW_LINKS)).isFalse();
	}

	@Test
	void reportOutputIsRefusedForADeviceAMissingFolderAnUnknownExtensionAndAnExistingFileWithoutForce() throws Exception {
		CommandRunner runner = new CommandRunner(this.work);
		Path report = this.work.resolve("first.csv");
		assertThat(runner.run("run", "--simulate", "--input", SAMPLE.toString(), "--account", "ACC", "--today", "2026-01-01",
				"--report", report.toString()).exitCode()).isZero();
		String execution = "1";
		Path pipe = fifo("pipe.csv");
		Path existing = Files.writeString(this.work.resolve("existing.csv"), "mine\n");

		Result device = runner.run("report", "--execution", execution, "--output", pipe.toString());
		Result missingFolder = runner.run("report", "--execution", execution, "--output",
				this.work.resolve("no/such/dir/r.csv").toString());
		Result pdf = runner.run("report", "--execution", execution, "--output", this.work.resolve("r.pdf").toString());
		Result noForce = runner.run("report", "--execution", execution, "--output", existing.toString());

		for (Result result : List.of(device, missingFolder, pdf, noForce)) {
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.errLines()).as(result.toString()).hasSize(1);
		}
		assertThat(device.err()).contains("is not a regular file");
		assertThat(missingFolder.err()).contains("no such folder");
		assertThat(this.work.resolve("no")).doesNotExist();
		assertThat(pdf.err()).contains("as .csv or .xlsx");
		assertThat(this.work.resolve("r.pdf")).doesNotExist();
		assertThat(noForce.err()).contains("already exists: use --force");
		assertThat(existing).hasContent("mine");

		Result forced = runner.run("report", "--execution", execution, "--output", existing.toString(), "--force");
		assertThat(forced.exitCode()).as(forced.toString()).isZero();
		assertThat(Files.readAllLines(existing)).hasSize(14);
		assertThat(mode(existing)).isEqualTo("rw-------");
		Result ownReport = runner.run("report", "--execution", execution);
		assertThat(ownReport.exitCode()).as("the execution's own report is replaced: " + ownReport).isZero();
	}

	@Test
	void templateRefusesToOverwriteWithoutForceAndNeverCreatesFolders() throws IOException {
		CommandRunner runner = new CommandRunner(this.work);
		Path existing = Files.writeString(this.work.resolve("t.csv"), "my work\n");

		Result refused = runner.run("template", "--output", existing.toString());
		Result missingFolder = runner.run("template", "--output", this.work.resolve("nope/t.xlsx").toString());

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.err()).contains("already exists: use --force to replace it");
		assertThat(existing).hasContent("my work");
		assertThat(missingFolder.exitCode()).as(missingFolder.toString()).isEqualTo(2);
		assertThat(this.work.resolve("nope")).doesNotExist();

		Result forced = runner.run("template", "--output", existing.toString(), "--force");
		Result xlsx = runner.run("template", "--output", this.work.resolve("t.xlsx").toString());
		assertThat(forced.exitCode()).as(forced.toString()).isZero();
		assertThat(Files.readString(existing)).startsWith("account,campaignName,");
		assertThat(xlsx.exitCode()).as(xlsx.toString()).isZero();
		assertThat(mode(existing)).isEqualTo("rw-------");
		assertThat(mode(this.work.resolve("t.xlsx"))).isEqualTo("rw-------");
	}

	@Test
	void anInputNameTooLongForItsReportIsRefusedBeforeAnythingIsSent() throws IOException {
		Path input = Files.copy(SAMPLE, this.work.resolve("n".repeat(246) + ".csv"));
		CommandRunner runner = new CommandRunner(this.work);

		Result result = runner.run("run", "--simulate", "--input", input.toString(), "--account", "ACC", "--today",
				"2026-01-01");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.errLines()).hasSize(1);
		assertThat(result.err()).contains("bytes long; file systems accept at most 255");
		assertThat(result.out()).as("the simulator, and so any submission, never started").isEmpty();
	}

	/** Issue 20: such names were "no such file", on one line of 10 KB. */
	@Test
	void aNameOrAPathTooLongForTheSystemIsSaidSoOnAShortLine() {
		CommandRunner runner = new CommandRunner(this.work);
		String longName = "a".repeat(10_000) + ".csv";
		String deepPath = this.work.resolve(String.join("/", java.util.Collections.nCopies(25, "d".repeat(200))))
			.resolve("x.csv").toString();

		List<Result> results = List.of(validate(runner, Path.of(longName)), validate(runner, Path.of(deepPath)),
				validate(runner, SAMPLE, "--report", longName), validate(runner, SAMPLE, "--report", deepPath));

		for (Result result : results) {
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
			assertThat(result.errLines()).as(result.toString()).singleElement().asString().contains("…")
				.doesNotContain("no such").hasSizeLessThan(200);
		}
		assertThat(results.get(0).err())
			.contains(": file name too long (a name of 10004 bytes; file systems accept at most 255)");
		assertThat(results.get(1).err()).contains(": file name too long (a path of 5")
			.contains(" bytes; the system accepts at most 4095)");
		assertThat(results.get(2).err()).contains("' is 10004 bytes long; file systems accept at most 255");
		assertThat(results.get(3).err()).contains(": file name too long (a path of 5");
	}

	@Test
	void scheduleMovesAFileWithATooLongNameToFailedWithItsReasonInsteadOfLoopingInProcessing() throws IOException {
		Path inbox = Files.createDirectory(this.work.resolve("inbox"));
		String name = "n".repeat(246) + ".csv";
		Files.copy(SAMPLE, inbox.resolve(name));
		CommandRunner runner = new CommandRunner(this.work);

		Result first = runner.run("schedule", "--inbox", inbox.toString(), "--once", "--settle", "0", "--simulate",
				"--account", "ACC", "--today", "2026-01-01");

		assertThat(first.exitCode()).as(first.toString()).isEqualTo(2);
		assertThat(names(inbox.resolve("processing"))).isEmpty();
		List<String> failed = names(inbox.resolve("failed"));
		assertThat(failed).hasSize(2);
		Path note = inbox.resolve("failed").resolve(failed.stream().filter(n -> n.endsWith(".error.txt")).findFirst()
			.orElseThrow());
		assertThat(Files.readString(note)).contains("file systems accept at most 255").contains(name);
		assertThat(first.out()).doesNotContain("SCHEDULED");

		Result second = runner.run("schedule", "--inbox", inbox.toString(), "--once", "--settle", "0", "--simulate",
				"--account", "ACC", "--today", "2026-01-01");
		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).contains("Nothing to do");
	}

	@Test
	void aNameWithNoRoomForTheLongerSimulatedReportNameGoesToFailedFromAnyScheduleToo() throws IOException {
		Path inbox = Files.createDirectory(this.work.resolve("inbox"));
		// 240 bytes: room for ".results.csv" (252), none for ".simulated.results.csv" (262).
		String name = "n".repeat(236) + ".csv";
		Files.copy(SAMPLE, inbox.resolve(name));

		Result result = new CommandRunner(this.work).run("schedule", "--inbox", inbox.toString(), "--once", "--settle",
				"0", "--dry-run", "--today", "2026-01-01");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).contains("bytes long; file systems accept at most 255");
		assertThat(names(inbox.resolve("failed"))).hasSize(2);
		assertThat(names(inbox.resolve("done"))).isEmpty();
	}

	@Test
	void aLinkInTheInboxIsLeftAloneAndNamedOnOneWarningLineAndNoNoteQuotesWhatItPointsAt() throws IOException {
		Path inbox = Files.createDirectory(this.work.resolve("inbox"));
		Path secret = Files.writeString(this.work.resolve("secrets.csv"), "client_secret=s3cr3t-value\n");
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
		Path link = Files.createSymbolicLink(inbox.resolve("secrets.csv"), secret);
		Path shadowLink = Files.createSymbolicLink(inbox.resolve("shadow.csv"), Path.of("/etc/shadow"));
		CommandRunner runner = new CommandRunner(this.work);

		Result result = runner.run("schedule", "--inbox", inbox.toString(), "--once", "--settle", "0", "--dry-run",
				"--today", "2026-01-01");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.errLines()).as(result.toString()).hasSize(1);
		assertThat(result.err()).startsWith("warning: ").contains("secrets.csv").contains("shadow.csv")
			.contains("not regular files");
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(Files.isSymbolicLink(shadowLink)).isTrue();
		assertThat(names(inbox.resolve("failed"))).isEmpty();
		assertThat(names(inbox.resolve("processing"))).isEmpty();
		assertThat(result.out() + result.err()).doesNotContain("s3cr3t-value").doesNotContain("root:");
	}

	@Test
	void theDatabaseFolderAndFilesAndTheReportAreOwnerOnly() throws IOException {
		Path folder = this.work.resolve("db-folder");
		// Written by hand: no settings, in a folder that does not exist yet.
		CommandRunner runner = new CommandRunner("jdbc:h2:file:" + folder.resolve("jobs"));
		Path reports = Files.createDirectory(this.work.resolve("reports"));

		Result result = validate(runner, SAMPLE, "--report", reports.resolve("r.csv").toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(mode(folder)).isEqualTo("rwx------");
		assertThat(mode(folder.resolve("jobs.mv.db"))).isEqualTo("rw-------");
		assertThat(mode(reports.resolve("r.csv"))).isEqualTo("rw-------");
	}

	/**
	 * Issue 20: the staging folders were 0755 and the DuckDB files 0644 (every IMEI), H2's trace file 0644. The data
	 * directory here is open to others (0755, as {@code install -d} leaves it): everything the job creates in it must
	 * be owner-only anyway.
	 */
	@Test
	void everythingTheJobCreatesUnderADataDirectoryOpenToOthersIsOwnerOnly() throws Exception {
		Path dataDir = Files.createDirectory(this.work.resolve("data-dir"));
		Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
		CommandRunner runner = new CommandRunner("jdbc:h2:file:" + dataDir.resolve("campaign-batch")
				+ ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS", dataDir);
		Result run = runner.run("run", "--simulate", "--input", SAMPLE.toString(), "--account", "ACC", "--today",
				"2026-01-01", "--report", this.work.resolve("r.csv").toString());
		assertThat(run.exitCode()).as(run.toString()).isZero();
		// H2 writes its trace file when it meets an error: here, the database held by another process.
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), HoldDatabase.class.getName(), runner.databaseUrl())
			.redirectErrorStream(true).start();
		try {
			assertThat(new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine()).isEqualTo("open");
			assertThat(runner.run("status").exitCode()).isEqualTo(4);
		}
		finally {
			holder.getOutputStream().close();
			holder.waitFor();
		}

		List<String> modes = new ArrayList<>();
		try (Stream<Path> created = Files.walk(dataDir).skip(1)) {
			for (Path path : (Iterable<Path>) created::iterator) {
				modes.add(dataDir.relativize(path) + " " + mode(path));
			}
		}
		assertThat(modes).as("what the job created").anyMatch(line -> line.matches("staging/job-1-\\w+\\.duckdb .*"))
			.contains("staging rwx------", "staging/tmp rwx------", "simulator-state.json rw-------",
					"campaign-batch.mv.db rw-------")
			.anyMatch(line -> line.startsWith("campaign-batch.trace.db "));
		assertThat(modes).as("owner-only, every one").allMatch(line -> line.endsWith(" rw-------")
				|| line.endsWith(" rwx------"));
		assertThat(Files.size(dataDir.resolve("campaign-batch.trace.db"))).as("H2 wrote its trace").isPositive();
	}

	@Test
	void theDefaultDatabaseLivesInTheDataDirWhateverTheWorkingDirectory() throws IOException {
		Path dataDir = this.work.resolve("data-dir");

		Result result = withoutDatabaseUrl(dataDir, "validate", "--input", SAMPLE.toAbsolutePath().toString(), "--account",
				"ACC", "--today", "2026-01-01", "--report", this.work.resolve("r.csv").toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(dataDir.resolve("campaign-batch.mv.db")).exists();
		assertThat(mode(dataDir)).isEqualTo("rwx------");
		assertThat(mode(dataDir.resolve("campaign-batch.mv.db"))).isEqualTo("rw-------");
		Result status = withoutDatabaseUrl(dataDir, "status");
		assertThat(status.out()).as(status.toString()).contains("clean-campaigns.csv");
	}

	@Test
	void withoutAnyDataDirTheDatabaseGoesUnderTheUsersHomeNotTheWorkingDirectory() throws IOException {
		String home = System.getProperty("user.home");
		System.setProperty("user.home", this.work.resolve("home").toString());
		try {
			Result result = withoutDatabaseUrl(null, "validate", "--input", SAMPLE.toAbsolutePath().toString(),
					"--account", "ACC", "--today", "2026-01-01", "--report", this.work.resolve("r.csv").toString());

			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(this.work.resolve("home/.campaign-batch/campaign-batch.mv.db")).exists();
		}
		finally {
			System.setProperty("user.home", home);
		}
	}

	@Test
	void aRealRunSaysWhichDatabaseItUsesWithoutItsPassword() {
		CommandRunner runner = new CommandRunner(this.work).with("CAMPAIGN_BATCH_DB_PASSWORD", "");

		Result result = runner.run("run", "--simulate", "--input", SAMPLE.toString(), "--account", "ACC", "--today",
				"2026-01-01", "--report", this.work.resolve("r.csv").toString());

		assertThat(result.exitCode()).as(result.toString()).isZero();
		String expected = "Job database: jdbc:h2:file:" + this.work.resolve("db").toAbsolutePath();
		assertThat(result.out().lines().filter(line -> line.startsWith("Job database: ")).toList())
			.containsExactly(expected);
	}

	@Test
	void anH2UrlThatTurnsOffASettingTheJobNeedsIsRefusedOnOneLine() {
		CommandRunner runner = new CommandRunner("jdbc:h2:file:" + this.work.resolve("db") + ";FILE_LOCK=NO");

		Result result = validate(runner, SAMPLE, "--report", this.work.resolve("r.csv").toString());

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.errLines()).containsExactly("error: the job database URL sets FILE_LOCK=NO, but the job needs"
				+ " FILE_LOCK=FS (a dead process must not keep the database locked): remove it from CAMPAIGN_BATCH_DB_URL");
	}

	/** Runs a command with no CAMPAIGN_BATCH_DB_URL at all: the default URL, under the data dir. */
	private static Result withoutDatabaseUrl(Path dataDir, String... args) {
		String url = System.clearProperty("CAMPAIGN_BATCH_DB_URL");
		String previous = dataDir == null ? System.clearProperty("CAMPAIGN_BATCH_DATA_DIR")
				: System.setProperty("CAMPAIGN_BATCH_DATA_DIR", dataDir.toString());
		try {
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();
			int exitCode = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
			return new Result(exitCode, out.toString(), err.toString());
		}
		finally {
			restore("CAMPAIGN_BATCH_DB_URL", url);
			restore("CAMPAIGN_BATCH_DATA_DIR", previous);
		}
	}

	private static void restore(String name, String value) {
		if (value == null) {
			System.clearProperty(name);
		}
		else {
			System.setProperty(name, value);
		}
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(file -> file.getFileName().toString()).sorted().toList();
		}
	}
}
