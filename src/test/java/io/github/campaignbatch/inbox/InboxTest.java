package io.github.campaignbatch.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inbox on a real folder, with a fixed clock: which files are ready, claiming, finishing.
 */
class InboxTest {

	private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");

	private static final Duration SETTLE = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	private Inbox inbox() {
		Inbox inbox = new Inbox(this.dir, SETTLE, Clock.fixed(NOW, ZoneOffset.UTC));
		inbox.prepare();
		return inbox;
	}

	private Path file(String name, Duration age) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, "imei\n352099000000014\n");
		Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
		return file;
	}

	@Test
	void listsSettledCsvAndXlsxFilesInNameOrder() throws IOException {
		file("b.csv", Duration.ofMinutes(5));
		file("a.xlsx", Duration.ofMinutes(5));
		file("C.CSV", Duration.ofMinutes(5));
		file("notes.txt", Duration.ofMinutes(5));
		file(".upload.csv", Duration.ofMinutes(5));
		file("fresh.csv", Duration.ofSeconds(3));

		List<String> names = inbox().ready().stream().map(c -> c.file().getFileName().toString()).toList();

		assertThat(names).containsExactly("C.CSV", "a.xlsx", "b.csv");
	}

	@Test
	void aFileThatChangedSinceItWasListedIsNotClaimed() throws IOException {
		Path file = file("a.csv", Duration.ofMinutes(5));
		Inbox inbox = inbox();
		Inbox.Candidate listed = inbox.ready().get(0);
		Files.writeString(file, "more rows\n", java.nio.file.StandardOpenOption.APPEND);

		assertThat(inbox.claim(listed)).isEmpty();
		assertThat(file).exists();
	}

	@Test
	void claimMovesTheFileIntoProcessing() throws IOException {
		file("a.csv", Duration.ofMinutes(5));
		Inbox inbox = inbox();

		Optional<Path> claimed = inbox.claim(inbox.ready().get(0));

		assertThat(claimed).contains(this.dir.resolve("processing/a.csv").toAbsolutePath());
		assertThat(this.dir.resolve("a.csv")).doesNotExist();
		assertThat(inbox.ready()).isEmpty();
		assertThat(inbox.inProcessing()).containsExactly(claimed.get());
		assertThat(inbox.claimedAt(claimed.get())).isEqualTo(NOW);
	}

	@Test
	void aFileOfTheSameNameAwaitingRestartIsNotReplaced() throws IOException {
		file("a.csv", Duration.ofMinutes(5));
		Inbox inbox = inbox();
		inbox.claim(inbox.ready().get(0)).orElseThrow();
		file("a.csv", Duration.ofMinutes(5));

		assertThat(inbox.claim(inbox.ready().get(0))).isEmpty();
		assertThat(this.dir.resolve("a.csv")).exists();
	}

	@Test
	void ofTwoInstancesClaimingTheSameFilesEachFileIsWonExactlyOnce() throws Exception {
		for (int i = 0; i < 50; i++) {
			file(String.format("f%02d.csv", i), Duration.ofMinutes(5));
		}
		Inbox first = inbox();
		Inbox second = new Inbox(this.dir, SETTLE, Clock.fixed(NOW, ZoneOffset.UTC));
		List<Inbox.Candidate> seenByFirst = first.ready();
		List<Inbox.Candidate> seenBySecond = second.ready();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<List<Path>> a = pool.submit(() -> claimAll(first, seenByFirst, go));
			Future<List<Path>> b = pool.submit(() -> claimAll(second, seenBySecond, go));
			go.countDown();
			List<Path> all = new ArrayList<>(a.get(30, TimeUnit.SECONDS));
			all.addAll(b.get(30, TimeUnit.SECONDS));

			assertThat(all).hasSize(50).doesNotHaveDuplicates();
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static List<Path> claimAll(Inbox inbox, List<Inbox.Candidate> candidates, CountDownLatch go)
			throws InterruptedException {
		go.await();
		List<Path> won = new ArrayList<>();
		for (Inbox.Candidate candidate : candidates) {
			inbox.claim(candidate).ifPresent(won::add);
		}
		return won;
	}

	@Test
	void doneTakesTheReportAlongAndFailedGetsAOneLineReason() throws IOException {
		file("a.csv", Duration.ofMinutes(5));
		file("b.csv", Duration.ofMinutes(5));
		Inbox inbox = inbox();
		Path a = inbox.claim(inbox.ready().get(0)).orElseThrow();
		Path b = inbox.claim(inbox.ready().get(0)).orElseThrow();
		Files.writeString(inbox.reportOf(a), "row,imei\n");

		inbox.finish(a, FileOutcome.DONE, null);
		inbox.finish(b, FileOutcome.UNREADABLE, "b.csv: not a CSV file\r\n\u001b[31mreally");

		assertThat(this.dir.resolve("done/a.csv")).exists();
		assertThat(this.dir.resolve("done/a.csv.results.csv")).hasContent("row,imei");
		assertThat(this.dir.resolve("failed/b.csv")).exists();
		assertThat(Files.readAllLines(this.dir.resolve("failed/b.csv.error.txt")))
			.containsExactly("b.csv: not a CSV file  ?[31mreally");
		assertThat(inbox.inProcessing()).isEmpty();
	}

	@Test
	void aSimulatedInboxNamesItsReportsSimulatedAndNeverTakesAReportForAnInput() throws IOException {
		file("a.csv", Duration.ofMinutes(5));
		Inbox inbox = new Inbox(this.dir, SETTLE, Clock.fixed(NOW, ZoneOffset.UTC), true);
		inbox.prepare();
		Path a = inbox.claim(inbox.ready().get(0)).orElseThrow();
		assertThat(inbox.reportOf(a)).hasFileName("a.csv.simulated.results.csv");
		Files.writeString(inbox.reportOf(a), "row,imei\n");
		// A real run's report left beside it by an earlier run (both are *.csv names).
		Files.writeString(a.resolveSibling("a.csv.results.csv"), "row,imei\n");

		assertThat(inbox.inProcessing()).containsExactly(a);

		inbox.finish(a, FileOutcome.DONE, null);

		assertThat(this.dir.resolve("done/a.csv.simulated.results.csv")).hasContent("row,imei");
		assertThat(this.dir.resolve("done/a.csv.results.csv")).as("a report travels with its file").exists();
		assertThat(inbox.inProcessing()).isEmpty();
	}

	@Test
	void smallFilesGoFirstSoThatALargeOneDoesNotHoldThemBehindIt() throws IOException {
		Path large = file("a-large.csv", Duration.ofMinutes(5));
		Files.writeString(large, "imei\n" + "352099000000014\n".repeat(10_000));
		Files.setLastModifiedTime(large, FileTime.from(NOW.minus(Duration.ofMinutes(5))));
		file("b-small.csv", Duration.ofMinutes(5));
		file("c-small.csv", Duration.ofMinutes(5));

		List<String> names = inbox().ready().stream().map(c -> c.file().getFileName().toString()).toList();

		assertThat(names).containsExactly("b-small.csv", "c-small.csv", "a-large.csv");
	}

	@Test
	void aLinkInTheInboxIsNeverListedOrClaimedButIsNamed() throws IOException {
		Path secret = Files.writeString(this.dir.getParent().resolve(this.dir.getFileName() + "-secret.csv"),
				"password=hunter2\n");
		try {
			Path link = Files.createSymbolicLink(this.dir.resolve("shadow.csv"), secret);
			Files.setLastModifiedTime(secret, FileTime.from(NOW.minus(Duration.ofMinutes(5))));
			file("real.csv", Duration.ofMinutes(5));
			Inbox inbox = inbox();

			List<Inbox.Candidate> ready = inbox.ready();

			assertThat(ready).extracting(c -> c.file().getFileName().toString()).containsExactly("real.csv");
			assertThat(inbox.notRegularFiles()).containsExactly(link);
			assertThat(inbox.claim(new Inbox.Candidate(link, Files.size(secret),
					Files.getLastModifiedTime(secret).toInstant()))).isEmpty();
			assertThat(Files.isSymbolicLink(link)).isTrue();
			assertThat(this.dir.resolve("processing/shadow.csv")).doesNotExist();
		}
		finally {
			Files.deleteIfExists(secret);
		}
	}

	@Test
	void anInboxFolderThatIsALinkIsRefusedAndNothingIsWrittenThroughIt() throws IOException {
		file("b.csv", Duration.ofMinutes(5));
		Inbox inbox = inbox();
		Path b = inbox.claim(inbox.ready().get(0)).orElseThrow();
		Path elsewhere = Files.createDirectory(this.dir.resolve(".elsewhere"));
		Files.createSymbolicLink(elsewhere.resolve("b.csv.error.txt"), this.dir.resolve(".victim"));
		Files.delete(this.dir.resolve("failed"));
		Files.createSymbolicLink(this.dir.resolve("failed"), elsewhere);

		assertThatThrownBy(() -> inbox.finish(b, FileOutcome.UNREADABLE, "b.csv: not a CSV file"))
			.isInstanceOf(UnsafeFolderException.class)
			.hasMessageContaining("failed is a symbolic link, not a folder");
		assertThat(this.dir.resolve(".victim")).doesNotExist();
		assertThat(b).exists();
	}

	@Test
	void anInboxFolderOfAnotherUserIsRefused() {
		Inbox inbox = new Inbox(this.dir, SETTLE, Clock.fixed(NOW, ZoneOffset.UTC), "someone-else", false);

		assertThatThrownBy(inbox::prepare).isInstanceOf(UnsafeFolderException.class)
			.hasMessageContaining("not to someone-else who runs the job");
	}

	@Test
	void foldersTheInboxCreatesAndNotesItWritesAreOwnerOnly() throws IOException {
		file("b.csv", Duration.ofMinutes(5));
		Inbox inbox = inbox();
		Path b = inbox.claim(inbox.ready().get(0)).orElseThrow();

		inbox.finish(b, FileOutcome.UNREADABLE, "b.csv: not a CSV file");

		for (String folder : List.of("processing", "done", "failed")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.dir.resolve(folder))))
				.isEqualTo("rwx------");
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.dir.resolve("failed/b.csv.error.txt"))))
			.isEqualTo("rw-------");
	}

	@Test
	void aNameTooLongForItsNotesGoesToFailedUnderAShorterNameWithItsReason() throws IOException {
		String longName = "n".repeat(246) + ".csv";
		file(longName, Duration.ofMinutes(5));
		Inbox inbox = inbox();
		Path claimed = inbox.claim(inbox.ready().get(0)).orElseThrow();

		Path now = inbox.finish(claimed, FileOutcome.UNREADABLE, "report: the file name is too long");

		assertThat(now.getParent()).isEqualTo(this.dir.resolve("failed"));
		assertThat(now.getFileName().toString()).endsWith(".csv").hasSizeLessThanOrEqualTo(255 - Inbox.SIMULATED_REPORT_SUFFIX.length());
		assertThat(Files.readString(now.resolveSibling(now.getFileName() + Inbox.ERROR_SUFFIX)))
			.startsWith("report: the file name is too long (renamed from its 250-byte name")
			.contains(longName);
		assertThat(inbox.inProcessing()).isEmpty();
		assertThat(Inbox.fitted("short.csv")).isEqualTo("short.csv");
		assertThat(Inbox.fitted(longName)).isNotEqualTo(Inbox.fitted("m" + longName.substring(1)));
	}

	@Test
	void aSecondFileOfTheSameNameInDoneKeepsTheFirst() throws IOException {
		Inbox inbox = inbox();
		for (int i = 0; i < 2; i++) {
			file("a.csv", Duration.ofMinutes(5));
			inbox.finish(inbox.claim(inbox.ready().get(0)).orElseThrow(), FileOutcome.DONE, null);
		}

		assertThat(this.dir.resolve("done/a.csv")).exists();
		assertThat(this.dir.resolve("done/20261130-020000-a.csv")).exists();
	}

	@Test
	void restartableStaysAndRetryGoesBack() throws IOException {
		file("a.csv", Duration.ofMinutes(5));
		file("b.csv", Duration.ofMinutes(5));
		Inbox inbox = inbox();
		Path a = inbox.claim(inbox.ready().get(0)).orElseThrow();
		Path b = inbox.claim(inbox.ready().get(0)).orElseThrow();

		assertThat(inbox.finish(a, FileOutcome.RESTARTABLE, null)).isEqualTo(a);
		inbox.finish(b, FileOutcome.RETRY, null);

		assertThat(inbox.inProcessing()).containsExactly(a);
		assertThat(this.dir.resolve("b.csv")).exists();
	}

	@Test
	void onlyFilesClaimedLongAgoWithNoRunToRestartGoBackToTheInbox() throws IOException {
		Path processing = this.dir.resolve("processing");
		Inbox inbox = inbox();
		Path orphan = claimedAgo(processing.resolve("orphan.csv"), Duration.ofMinutes(11));
		Path running = claimedAgo(processing.resolve("running.csv"), Duration.ofMinutes(11));
		Path recent = claimedAgo(processing.resolve("recent.csv"), Duration.ofMinutes(2));

		List<Path> returned = inbox.returnOrphans(Set.of(running), Duration.ofMinutes(10));

		assertThat(returned).containsExactly(orphan);
		assertThat(this.dir.resolve("orphan.csv")).exists();
		assertThat(inbox.inProcessing()).containsExactlyInAnyOrder(running, recent);
	}

	private static Path claimedAgo(Path file, Duration age) throws IOException {
		Files.writeString(file, "imei\n352099000000014\n");
		Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
		return file;
	}
}
