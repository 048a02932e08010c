package io.github.campaignbatch.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.sun.security.auth.module.UnixSystem;
import org.junit.jupiter.api.Assumptions;

/**
 * Other local users, for the tests of a shared inbox: the service running as a user of its own, and operators
 * dropping files as theirs. Only root can give a file away or start a process as another user; CI runs as root.
 * Elsewhere the tests that need it skip themselves, saying why.
 */
public final class OtherUsers {

	/** The user the service runs as in these tests ({@code nobody}): an unprivileged user, as in production. */
	public static final int SERVICE = 65534;

	/** An operator dropping files into the shared inbox: any uid other than the service's. */
	public static final int OPERATOR = 65533;

	private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

	private static String classPath;

	private OtherUsers() {
	}

	public static boolean isRoot() {
		return new UnixSystem().getUid() == 0;
	}

	/** Skips the calling test unless this process can give files away and start processes as another user. */
	public static void assumeRoot() {
		Assumptions.assumeTrue(isRoot(), "needs root (as CI runs): only root can give a file to another user or run"
				+ " the service as one");
	}

	/**
	 * Skips the calling test unless a child JVM can run as another user here: root, {@code setpriv}, and a JDK that
	 * other users can run.
	 */
	public static void assumeCanRunAsAnotherUser() {
		assumeRoot();
		Assumptions.assumeTrue(Files.isExecutable(SETPRIV), SETPRIV + " (util-linux) is needed to run as another user");
		Path java = Path.of(System.getProperty("java.home"));
		Assumptions.assumeTrue(reachableByOthers(java), java + " cannot be read by other users");
	}

	/** Gives a file or folder to a user and group, as {@code chown} would. */
	public static Path chown(Path path, int uid, int gid) throws IOException {
		Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
		Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
		return path;
	}

	public static Path chmod(Path path, String mode) throws IOException {
		return Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
	}

	/** The command prefix that runs what follows as {@code uid} (its group the same number, no other group). */
	static List<String> runAs(int uid) {
		return List.of(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--");
	}

	/**
	 * This JVM's class path as another user can read it: entries it cannot reach (the Maven repository under a
	 * private home, say) are hard-linked, or copied, into a temporary folder readable by all. Made once per JVM.
	 */
	static synchronized String classPath() {
		if (classPath == null) {
			try {
				classPath = exposeClassPath();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot make the class path readable by another user: " + ex.getMessage(), ex);
			}
		}
		return classPath;
	}

	private static String exposeClassPath() throws IOException {
		Path shared = Files.createTempDirectory("campaign-batch-classpath-");
		chmod(shared, "rwxr-xr-x");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(shared)));
		List<String> entries = new ArrayList<>();
		int index = 0;
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path path = Path.of(entry).toAbsolutePath();
			if (!Files.exists(path) || reachableByOthers(path)) {
				entries.add(entry);
				continue;
			}
			Path exposed = shared.resolve(index++ + "-" + path.getFileName());
			if (Files.isDirectory(path)) {
				copyTree(path, exposed);
			}
			else {
				linkOrCopy(path, exposed);
			}
			entries.add(exposed.toString());
		}
		return String.join(File.pathSeparator, entries);
	}

	private static boolean reachableByOthers(Path path) {
		try {
			Set<PosixFilePermission> own = Files.getPosixFilePermissions(path);
			if (!own.contains(PosixFilePermission.OTHERS_READ)
					|| Files.isDirectory(path) && !own.contains(PosixFilePermission.OTHERS_EXECUTE)) {
				return false;
			}
			for (Path folder = path.toRealPath().getParent(); folder != null; folder = folder.getParent()) {
				if (!Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_EXECUTE)) {
					return false;
				}
			}
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void linkOrCopy(Path file, Path exposed) throws IOException {
		boolean readable = Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ);
		if (readable) {
			try {
				Files.createLink(exposed, file);
				return;
			}
			catch (IOException | UnsupportedOperationException otherFileSystem) {
				// copied below
			}
		}
		Files.copy(file, exposed, StandardCopyOption.REPLACE_EXISTING);
		chmod(exposed, "rw-r--r--");
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> all = Files.walk(from)) {
			for (Path source : (Iterable<Path>) all::iterator) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
					chmod(target, "rwxr-xr-x");
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
					chmod(target, "rw-r--r--");
				}
			}
		}
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> all = Files.walk(root)) {
			for (Path path : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// a temporary folder: the system cleans it eventually
		}
	}
}
