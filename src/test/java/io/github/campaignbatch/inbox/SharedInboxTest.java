package io.github.campaignbatch.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.campaignbatch.support.ChildJvm;
import io.github.campaignbatch.support.OtherUsers;
import io.github.campaignbatch.support.SampleInputs;
import io.github.campaignbatch.support.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: the inbox service as its own user in an inbox shared with operators (docs/operations.md, "A shared
 * inbox"): one file it cannot take never stops the others. The service is a child JVM running as an unprivileged
 * user ({@link OtherUsers#SERVICE}), as in production: root would read and touch any file, and hide the failures.
 */
class SharedInboxTest {

	@TempDir
	Path work;

	/** The service user's own folder (its data directory, its H2 database, the child's output). */
	private Path service;

	/** The inbox as docs/operations.md sets it up: the service user's, group-writable, set-group-id and sticky. */
	private Path inbox;

	private void sharedInboxServedBy(int serviceUid) throws IOException {
		// Other users must be able to reach what lies under the test's own temporary folder.
		OtherUsers.chmod(this.work, "rwxr-xr-x");
		this.service = Files.createDirectory(this.work.resolve("service"));
		this.inbox = Files.createDirectory(this.work.resolve("inbox"));
		if (OtherUsers.isRoot()) {
			OtherUsers.chown(this.service, serviceUid, serviceUid);
			OtherUsers.chown(this.inbox, serviceUid, serviceUid);
		}
		OtherUsers.chmod(this.service, "rwx------");
		Files.setAttribute(this.inbox, "unix:mode", 03770);
	}

	private Path drop(String name, int campaigns, Integer owner) throws IOException {
		Path file = SampleInputs.campaigns(this.inbox.resolve(name), "ACC", campaigns, 1);
		if (owner != null) {
			OtherUsers.chown(file, owner, owner);
		}
		return file;
	}

	/** One {@code schedule --once} tick (a dry run), as the given user when this process is root. */
	private int tick(Integer asUser) throws Exception {
		ChildJvm child = ChildJvm.withDatabase(this.service, TestDatabases.freshUrl(this.service));
		if (asUser != null) {
			child.asUser(asUser);
		}
		Process process = child.start("tick", List.of("schedule", "--inbox", this.inbox.toString(), "--once", "--settle",
				"0", "--dry-run", "--today", "2026-01-01"));
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(this::output).isTrue();
		return process.exitValue();
	}

	private String output() {
		return ChildJvm.output(this.service, "tick");
	}

	@Test
	void aFileAnOperatorDroppedAsTheirOwnIsProcessedAndTheOthersGoOn() throws Exception {
		OtherUsers.assumeCanRunAsAnotherUser();
		sharedInboxServedBy(OtherUsers.SERVICE);
		// The operator's file, mode 0644: the service may read it, but not set its times (only its owner may).
		OtherUsers.chmod(drop("A01-tiny.csv", 1, OtherUsers.OPERATOR), "rw-r--r--");
		drop("B02-mine.csv", 2, OtherUsers.SERVICE);

		int exitCode = tick(OtherUsers.SERVICE);

		assertThat(exitCode).as(this::output).isZero();
		assertThat(names(this.inbox.resolve("done"))).as(this::output).containsExactly("A01-tiny.csv",
				"A01-tiny.csv.results.csv", "B02-mine.csv", "B02-mine.csv.results.csv");
		assertThat(Files.getAttribute(this.inbox.resolve("done/A01-tiny.csv.results.csv"), "unix:uid"))
			.as("the report is the service's").isEqualTo(OtherUsers.SERVICE);
		assertThat(names(this.inbox.resolve("processing"))).isEmpty();
		assertThat(output()).doesNotContain("tick failed").doesNotContain("Operation not permitted");
	}

	/**
	 * Mode 000, owned by the service user. As root a mode never stops a read, so the service runs as an unprivileged
	 * user there (as in production); elsewhere it runs as this process's user, for whom the mode holds anyway.
	 */
	@Test
	void anUnreadableFileGoesToFailedWithItsNoteAndTheOthersGoOn() throws Exception {
		Integer serviceUser = null;
		if (OtherUsers.isRoot()) {
			OtherUsers.assumeCanRunAsAnotherUser();
			serviceUser = OtherUsers.SERVICE;
		}
		sharedInboxServedBy(OtherUsers.SERVICE);
		Path unreadable = drop("A09-unreadable.csv", 1, serviceUser);
		OtherUsers.chmod(unreadable, "---------");
		// Larger than the unreadable one: taken after it, smallest first.
		drop("B10-larger.csv", 3, serviceUser);

		int exitCode = tick(serviceUser);

		assertThat(exitCode).as(this::output).isEqualTo(2);
		assertThat(names(this.inbox.resolve("failed"))).as(this::output).containsExactly("A09-unreadable.csv",
				"A09-unreadable.csv.error.txt");
		List<String> note = Files.readAllLines(this.inbox.resolve("failed/A09-unreadable.csv.error.txt"));
		assertThat(note).hasSize(1);
		assertThat(note.get(0)).contains("A09-unreadable.csv: cannot be read").contains("permission denied")
			.contains("mode ---------");
		assertThat(names(this.inbox.resolve("done"))).as(this::output).containsExactly("B10-larger.csv",
				"B10-larger.csv.results.csv");
		assertThat(names(this.inbox.resolve("processing"))).isEmpty();
		assertThat(output()).doesNotContain("tick failed").contains("error: " + note.get(0));
	}

	/**
	 * The inbox belongs to root, world-writable with the sticky bit (not the setup docs/operations.md gives): the
	 * service may not move another user's file out of it. That file is left where it is, with one warning.
	 */
	@Test
	void aFileTheServiceCannotMoveIsLeftInPlaceWithOneWarningAndTheOthersGoOn() throws Exception {
		OtherUsers.assumeCanRunAsAnotherUser();
		sharedInboxServedBy(OtherUsers.SERVICE);
		OtherUsers.chown(this.inbox, 0, 0);
		Files.setAttribute(this.inbox, "unix:mode", 01777);
		// The service's own folders, as a first tick in a good setup would have made them.
		for (String folder : List.of("processing", "done", "failed")) {
			OtherUsers.chown(OtherUsers.chmod(Files.createDirectory(this.inbox.resolve(folder)), "rwx------"),
					OtherUsers.SERVICE, OtherUsers.SERVICE);
		}
		OtherUsers.chmod(drop("A01-theirs.csv", 1, OtherUsers.OPERATOR), "rw-r--r--");
		drop("B02-mine.csv", 2, OtherUsers.SERVICE);

		int exitCode = tick(OtherUsers.SERVICE);

		assertThat(exitCode).as(this::output).isEqualTo(2);
		assertThat(this.inbox.resolve("A01-theirs.csv")).as(this::output).exists();
		assertThat(names(this.inbox.resolve("done"))).as(this::output).containsExactly("B02-mine.csv",
				"B02-mine.csv.results.csv");
		List<String> warnings = output().lines().filter(line -> line.contains("A01-theirs.csv")).toList();
		assertThat(warnings).as(this::output).singleElement().asString()
			.startsWith("warning: A01-theirs.csv: cannot be moved into processing/ (")
			.contains("); left in the inbox: nobody, who runs the job, needs write permission on the inbox folder");
	}

	private static List<String> names(Path folder) throws IOException {
		if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(file -> file.getFileName().toString()).sorted().toList();
		}
	}
}
