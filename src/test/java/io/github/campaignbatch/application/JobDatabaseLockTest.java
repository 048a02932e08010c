package io.github.campaignbatch.application;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job database lock within one JVM (the refusal of another process is in {@code job/OneProcessAtATimeTest}):
 * applications started side by side share it, and it goes with the last of them. Read from {@code /proc/locks},
 * since opening the lock file here would itself drop the lock.
 */
class JobDatabaseLockTest {

	@TempDir
	Path work;

	@Test
	void applicationsInOneJvmShareTheLockAndItGoesWithTheLastOfThem() throws Exception {
		Path base = this.work.resolve("campaign-batch");
		Path file = JobDatabaseLock.lockFile(base);

		JobDatabaseLock.Lease first = JobDatabaseLock.acquire(base);
		JobDatabaseLock.Lease second = JobDatabaseLock.acquire(base);
		assertThat(lockedByThisProcess(file)).isTrue();
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);

		first.close();
		first.close();
		assertThat(lockedByThisProcess(file)).as("one application still has the database").isTrue();

		second.close();
		assertThat(lockedByThisProcess(file)).isFalse();
		assertThat(file).as("nobody holds it: no holder named").isEmptyFile();
	}

	@Test
	void aLockFileThatIsALinkIsRefusedOnOneLineAndNotFollowed() throws Exception {
		Path base = this.work.resolve("campaign-batch");
		Path elsewhere = this.work.resolve("elsewhere");
		Files.createSymbolicLink(JobDatabaseLock.lockFile(base), elsewhere);

		assertThatThrownBy(() -> JobDatabaseLock.acquire(base)).isInstanceOf(UsageException.class)
			.hasMessageStartingWith("cannot lock the job database: " + this.work.toRealPath().resolve("campaign-batch.lock"))
			.hasMessageNotContaining("\n");
		assertThat(elsewhere).doesNotExist();
	}

	private static boolean lockedByThisProcess(Path file) throws IOException {
		long inode = (Long) Files.getAttribute(file, "unix:ino");
		String pid = Long.toString(ProcessHandle.current().pid());
		return Files.readAllLines(Path.of("/proc/locks"))
			.stream()
			.map(line -> line.trim().split("\\s+"))
			.anyMatch(fields -> fields.length > 5 && fields[4].equals(pid) && fields[5].endsWith(":" + inode));
	}
}
