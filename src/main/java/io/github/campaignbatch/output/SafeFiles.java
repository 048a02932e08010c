package io.github.campaignbatch.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one way the job writes a file: an owner-only ({@code 0600}) temporary file with a short name in the target's
 * folder, renamed into place when complete. A rename replaces whatever sits at the final name (a link planted there
 * is replaced, never followed), and a reader never sees half a file. A target that exists and is not a regular file
 * ({@code /dev/null}, {@code /dev/full}, a folder, a link) is refused before anything is written, so that a device
 * is never replaced by a file. Folders the job creates are owner-only ({@code 0700}).
 */
public final class SafeFiles {

	/** The longest file name (in bytes) common file systems accept. */
	public static final int NAME_MAX_BYTES = 255;

	/** The longest path (in bytes) the system looks up: Linux's {@code PATH_MAX}, less its terminating NUL. */
	public static final int PATH_MAX_BYTES = 4095;

	/** How many characters of a name or path a message shows at most (see {@link #shortened}). */
	private static final int SHOWN_MAX = 80;

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

	private SafeFiles() {
	}

	/** What is written into the temporary file. */
	@FunctionalInterface
	public interface Content {

		void writeTo(Path temporary) throws IOException;
	}

	/** Whether an existing target may be replaced. */
	public enum Existing {
		REPLACE, REFUSE
	}

	/**
	 * Writes a file: the content goes into an owner-only temporary file beside the target, which is then renamed into
	 * place. The target's folder must exist.
	 *
	 * @throws UnsafeTargetException when the target is refused (not a regular file, name too long, exists and
	 * {@code existing} is {@link Existing#REFUSE}, no such folder)
	 */
	public static void write(Path target, Existing existing, Content content) throws IOException {
		Path absolute = target.toAbsolutePath();
		checkTarget(absolute, existing);
		Path folder = absolute.getParent();
		Path temporary = Files.createTempFile(folder, ".cb-", ".tmp", ownerOnlyFile());
		try {
			content.writeTo(temporary);
			if (existing == Existing.REPLACE) {
				Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
			}
			else {
				// A hard link fails when the name is taken, atomically: nothing is overwritten even in a race.
				try {
					Files.createLink(absolute, temporary);
				}
				catch (FileAlreadyExistsException taken) {
					throw new UnsafeTargetException(target + " already exists: use --force to replace it");
				}
				catch (UnsupportedOperationException | IOException noHardLinksHere) {
					if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
						throw new UnsafeTargetException(target + " already exists: use --force to replace it");
					}
					Files.move(temporary, absolute);
				}
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Writes a small text file (an error note, a CSV template) the safe way. */
	public static void writeString(Path target, Existing existing, String text) throws IOException {
		write(target, existing, temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
	}

	/** Writes through an output stream the safe way. */
	public static void writeStream(Path target, Existing existing, StreamContent content) throws IOException {
		write(target, existing, temporary -> {
			try (OutputStream out = Files.newOutputStream(temporary)) {
				content.writeTo(out);
			}
		});
	}

	/** What is written into the temporary file's stream. */
	@FunctionalInterface
	public interface StreamContent {

		void writeTo(OutputStream out) throws IOException;
	}

	/**
	 * Checks a target before anything is done: its name fits the file system, its folder exists, and it is either
	 * absent or a regular file (never a link, a device, a folder), and absent when it may not be replaced.
	 */
	public static void checkTarget(Path target, Existing existing) throws UnsafeTargetException {
		checkName(target);
		checkLength(target);
		Path absolute = target.toAbsolutePath();
		Path folder = absolute.getParent();
		if (folder == null || !Files.isDirectory(folder)) {
			throw new UnsafeTargetException(target + ": no such folder " + folder + " (create it first)");
		}
		checkNotSpecial(target);
		if (existing == Existing.REFUSE && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
			throw new UnsafeTargetException(target + " already exists: use --force to replace it");
		}
	}

	/**
	 * Refuses a target that exists and is not a regular file (a device, a folder, a link, a pipe). A target that
	 * cannot be looked at (its folder is missing, say) passes: writing it fails later with its own reason.
	 */
	public static void checkNotSpecial(Path target) throws UnsafeTargetException {
		Path absolute = target.toAbsolutePath();
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException absentOrUnreachable) {
			return;
		}
		if (!attributes.isRegularFile()) {
			throw new UnsafeTargetException(target + " exists and is not a regular file (" + kind(attributes)
					+ "): choose a file name");
		}
	}

	/** Refuses a file name longer than the file system accepts. */
	public static void checkName(Path target) throws UnsafeTargetException {
		Path name = target.getFileName();
		if (name == null) {
			throw new UnsafeTargetException(target + " is not a file name");
		}
		int bytes = bytes(name.toString());
		if (bytes > NAME_MAX_BYTES) {
			throw new UnsafeTargetException("the file name '" + shortened(name.toString()) + "' is " + bytes
					+ " bytes long; file systems accept at most " + NAME_MAX_BYTES + ": use a shorter name");
		}
	}

	/**
	 * Refuses a path the system would not even look up: one of its names longer than {@value #NAME_MAX_BYTES} bytes,
	 * or the whole longer than {@value #PATH_MAX_BYTES}. Asked whether such a path exists, Java says no, and a message
	 * would call it missing while echoing all of it; this one says what is wrong and shows it {@link #shortened}.
	 */
	public static void checkLength(Path path) throws UnsafeTargetException {
		for (Path name : path) {
			int bytes = bytes(name.toString());
			if (bytes > NAME_MAX_BYTES) {
				throw new UnsafeTargetException(shortened(path.toString()) + ": file name too long (a name of " + bytes
						+ " bytes; file systems accept at most " + NAME_MAX_BYTES + "): use a shorter name");
			}
		}
		int bytes = bytes(path.toString());
		if (bytes > PATH_MAX_BYTES) {
			throw new UnsafeTargetException(shortened(path.toString()) + ": file name too long (a path of " + bytes
					+ " bytes; the system accepts at most " + PATH_MAX_BYTES + "): use a shorter path");
		}
	}

	/**
	 * A name or path as a one-line message shows it: whole up to {@value #SHOWN_MAX} characters, else its start and
	 * its end (where the file name and its extension are) around an ellipsis.
	 */
	public static String shortened(String text) {
		if (text.length() <= SHOWN_MAX) {
			return text;
		}
		int tail = SHOWN_MAX / 3;
		return text.substring(0, SHOWN_MAX - tail - 1) + "…" + text.substring(text.length() - tail);
	}

	private static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/** Whether a file name fits the file system. */
	public static boolean fits(String name) {
		return bytes(name) <= NAME_MAX_BYTES;
	}

	/** Creates a folder and any missing parents, each created one owner-only; existing ones are left as they are. */
	public static Path createPrivateDirectories(Path folder) throws IOException {
		Path absolute = folder.toAbsolutePath().normalize();
		List<Path> missing = new ArrayList<>();
		for (Path p = absolute; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
			missing.add(0, p);
		}
		for (Path create : missing) {
			try {
				Files.createDirectory(create, ownerOnlyFolder());
				// The umask may have taken bits off, never added them; set exactly 0700 anyway.
				setPermissions(create, OWNER_ONLY_FOLDER);
			}
			catch (FileAlreadyExistsException raced) {
				// Another process made it meanwhile.
			}
		}
		if (!Files.isDirectory(absolute)) {
			throw new UnsafeTargetException(folder + " is not a folder");
		}
		return absolute;
	}

	/**
	 * A folder of the job's own, owner-only ({@code 0700}): created so when missing (with any missing parents), and
	 * tightened when an earlier version created it open to others. A folder of another user is left as it is.
	 * Whatever the job or the engines it runs (DuckDB, H2) create inside is then out of other users' reach, whatever
	 * mode the umask gives it.
	 */
	public static Path privateFolder(Path folder) throws IOException {
		Path absolute = createPrivateDirectories(folder);
		if (isPosix() && Files.getOwner(absolute, LinkOption.NOFOLLOW_LINKS).getName().equals(currentUser())
				&& !Files.getPosixFilePermissions(absolute, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY_FOLDER)) {
			setPermissions(absolute, OWNER_ONLY_FOLDER);
		}
		return absolute;
	}

	/**
	 * Creates an empty owner-only file where an engine will write later with the umask's mode, if nothing is there:
	 * the engine then appends to this file and keeps its mode.
	 */
	public static void createPrivateFileIfAbsent(Path file) throws IOException {
		try {
			Files.createFile(file, ownerOnlyFile());
		}
		catch (FileAlreadyExistsException present) {
			// Made owner-only where the engine's files are (see makeOwnerOnly).
		}
	}

	/** Makes an existing file readable and writable by its owner only (a no-op where permissions are not POSIX). */
	public static void makeOwnerOnly(Path file) throws IOException {
		if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
			// By path (chmod), not through a descriptor (open, fchmod, close): closing any descriptor of a file drops
			// every POSIX lock this process holds on it, H2's lock on its open database file included. Putting a link in
			// its place after the check takes write access to the file's folder, i.e. being its owner already.
			PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
			if (view != null) {
				view.setPermissions(OWNER_ONLY_FILE);
			}
		}
	}

	/**
	 * Opens a file for reading and writing, created owner-only when missing, never through a link: for a lock file,
	 * whose descriptor the caller keeps open as long as it holds the lock.
	 */
	public static FileChannel openOwnerOnly(Path file) throws IOException {
		return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
				LinkOption.NOFOLLOW_LINKS), ownerOnlyFile());
	}

	/**
	 * Checks a folder the job writes into and moves files through: it must be a real folder (not a link to one) owned
	 * by the user the job runs as, else another user could redirect what the job writes.
	 */
	public static void checkOwnFolder(Path folder, String owner) throws UnsafeTargetException {
		try {
			BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isDirectory()) {
				throw new UnsafeTargetException(folder + " is " + kind(attributes)
						+ ", not a folder: refusing to write through it (remove it; it is created again)");
			}
			String actual = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName();
			if (!actual.equals(owner)) {
				throw new UnsafeTargetException(folder + " belongs to " + actual + ", not to " + owner
						+ " who runs the job: refusing to write into it (remove it; it is created again)");
			}
		}
		catch (UnsafeTargetException refused) {
			throw refused;
		}
		catch (IOException ex) {
			throw new UnsafeTargetException(folder + ": cannot be checked: " + ex.getMessage());
		}
	}

	/** The user the job runs as. */
	public static String currentUser() {
		return System.getProperty("user.name");
	}

	private static String kind(BasicFileAttributes attributes) {
		if (attributes.isSymbolicLink()) {
			return "a symbolic link";
		}
		if (attributes.isDirectory()) {
			return "a folder";
		}
		return "a device, pipe or socket";
	}

	private static boolean isPosix() {
		return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	private static FileAttribute<?>[] ownerOnlyFile() {
		return isPosix() ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE) }
				: new FileAttribute<?>[0];
	}

	private static FileAttribute<?>[] ownerOnlyFolder() {
		return isPosix() ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER) }
				: new FileAttribute<?>[0];
	}

	private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
		PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
				LinkOption.NOFOLLOW_LINKS);
		if (view != null) {
			view.setPermissions(permissions);
		}
	}
}
