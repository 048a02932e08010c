package io.github.campaignbatch.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.campaignbatch.support.NullDevices;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one way the job writes files: owner-only, renamed into place, never through a link or onto a device.
 */
class SafeFilesTest {

	@TempDir
	Path dir;

	@Test
	void aFileIsWrittenOwnerOnlyAndNoTemporaryFileIsLeft() throws IOException {
		Path target = this.dir.resolve("report.csv");

		SafeFiles.writeString(target, SafeFiles.Existing.REFUSE, "a,b\n");

		assertThat(target).hasContent("a,b");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
		try (var entries = Files.list(this.dir)) {
			assertThat(entries).containsExactly(target);
		}
	}

	@Test
	void aDeviceAtTheTargetIsRefusedAndLeftADevice() throws Exception {
		Path device = NullDevices.in(this.dir, "null");

		assertThatThrownBy(() -> SafeFiles.writeString(device, SafeFiles.Existing.REPLACE, "x"))
			.isInstanceOf(UnsafeTargetException.class)
			.hasMessage(device + " exists and is not a regular file (a device, pipe or socket): choose a file name");
		assertThat(Files.isRegularFile(device, LinkOption.NOFOLLOW_LINKS)).isFalse();
		assertThat(Files.exists(device)).isTrue();
	}

	@Test
	void aLinkAtTheTargetIsRefusedAndWhatItPointsAtIsUntouched() throws IOException {
		Path victim = Files.writeString(this.dir.resolve("victim.sh"), "#!/bin/sh\n");
		Path link = Files.createSymbolicLink(this.dir.resolve("note.txt"), victim);

		assertThatThrownBy(() -> SafeFiles.writeString(link, SafeFiles.Existing.REPLACE, "owned"))
			.isInstanceOf(UnsafeTargetException.class)
			.hasMessageContaining("is not a regular file (a symbolic link)");
		assertThat(victim).hasContent("#!/bin/sh");
	}

	@Test
	void anExistingFileIsReplacedOnlyWhenAllowed() throws IOException {
		Path target = Files.writeString(this.dir.resolve("t.csv"), "old");

		assertThatThrownBy(() -> SafeFiles.writeString(target, SafeFiles.Existing.REFUSE, "new"))
			.isInstanceOf(UnsafeTargetException.class)
			.hasMessageContaining("already exists: use --force to replace it");
		assertThat(target).hasContent("old");

		SafeFiles.writeString(target, SafeFiles.Existing.REPLACE, "new");
		assertThat(target).hasContent("new");
	}

	@Test
	void aMissingFolderIsRefusedNotCreated() {
		Path target = this.dir.resolve("missing/deeper/r.csv");

		assertThatThrownBy(() -> SafeFiles.writeString(target, SafeFiles.Existing.REPLACE, "x"))
			.isInstanceOf(UnsafeTargetException.class)
			.hasMessageContaining("no such folder");
		assertThat(this.dir.resolve("missing")).doesNotExist();
	}

	@Test
	void aNameLongerThanTheFileSystemTakesIsRefusedBeforeAnythingIsWritten() {
		Path target = this.dir.resolve("x".repeat(250) + ".results.csv");

		assertThatThrownBy(() -> SafeFiles.checkTarget(target, SafeFiles.Existing.REPLACE))
			.isInstanceOf(UnsafeTargetException.class)
			.hasMessageContaining("is 262 bytes long; file systems accept at most 255");
	}

	@Test
	void aFileWithANameCloseToTheLimitIsWrittenThanksToAShortTemporaryName() throws IOException {
		Path target = this.dir.resolve("y".repeat(251) + ".csv");

		SafeFiles.writeString(target, SafeFiles.Existing.REPLACE, "ok");

		assertThat(target).hasContent("ok");
	}

	@Test
	void foldersCreatedAreOwnerOnly() throws IOException {
		Path created = SafeFiles.createPrivateDirectories(this.dir.resolve("a/b"));

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created.getParent())))
			.isEqualTo("rwx------");
	}

	@Test
	void aPrivateFolderIsCreatedOwnerOnlyOrTightenedWhenAnEarlierVersionLeftItOpen() throws IOException {
		Path open = Files.createDirectory(this.dir.resolve("staging"));
		Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

		SafeFiles.privateFolder(open);
		Path created = SafeFiles.privateFolder(open.resolve("tmp"));

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
	}

	@Test
	void aFolderThatIsALinkOrBelongsToAnotherUserIsRefused() throws IOException {
		Path real = Files.createDirectory(this.dir.resolve("real"));
		Path link = Files.createSymbolicLink(this.dir.resolve("failed"), real);

		assertThatThrownBy(() -> SafeFiles.checkOwnFolder(link, SafeFiles.currentUser()))
			.isInstanceOf(UnsafeTargetException.class)
			.hasMessageContaining("is a symbolic link, not a folder");
		assertThatThrownBy(() -> SafeFiles.checkOwnFolder(real, "someone-else"))
			.isInstanceOf(UnsafeTargetException.class)
			.hasMessageContaining("belongs to " + SafeFiles.currentUser() + ", not to someone-else");
		SafeFiles.checkOwnFolder(real, SafeFiles.currentUser());
	}
}
