package io.github.campaignbatch.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.campaignbatch.output.SafeFiles;
import io.github.campaignbatch.output.UnsafeTargetException;
import io.github.campaignbatch.output.TerminalText;

/**
 * A folder that files are dropped into. Its lifecycle: {@code DIR/x.csv} → (claimed) {@code DIR/processing/x.csv} →
 * {@code DIR/done/x.csv} with {@code x.csv.results.csv}, or {@code DIR/failed/x.csv} with {@code x.csv.error.txt};
 * a restartable file stays in {@code processing/}. An inbox served by {@code schedule --simulate} names its reports
 * {@code x.csv.simulated.results.csv}, as {@code run --simulate} does: a simulated report says so in its name.
 *
 * <p>Claiming is one atomic rename within the folder's file system: when several instances see the same file,
 * exactly one rename succeeds and the others find the file gone. A file still being written (modified within the
 * settle time, or whose size or time changed since it was listed) is left for the next look.
 *
 * <p>The inbox may be shared with other users. It takes regular files only: a link (to a file elsewhere, to
 * {@code /etc/shadow}) is never followed, claimed or read, only named by {@link #notRegularFiles()}. Its
 * {@code processing/}, {@code done/} and {@code failed/} folders are refused when they are links or belong to another
 * user (created owner-only when missing), and every note is written through {@link SafeFiles}, so that nothing the
 * job writes can be redirected. A file dropped by another user is taken as it is (the job cannot set its times); one
 * the job cannot take (unreadable, or not movable out of the inbox) never stops the others: see
 * {@link FileNotTakenException}. Files are taken smallest first, so that one large file does not hold every small one
 * behind it.
 */
public final class Inbox {

	public static final String PROCESSING = "processing";

	public static final String DONE = "done";

	public static final String FAILED = "failed";

	/** The suffix of the report written beside a file by a real run (or a dry run). */
	public static final String REPORT_SUFFIX = ".results.csv";

	/** The suffix of the report written beside a file by a simulated run. */
	public static final String SIMULATED_REPORT_SUFFIX = ".simulated.results.csv";

	/**
	 * Every report suffix, longest first. An inbox of one target still meets the other's reports (the same folders
	 * may be served by a real and a simulated schedule): none of them is ever taken for an input.
	 */
	static final List<String> REPORT_SUFFIXES = List.of(SIMULATED_REPORT_SUFFIX, REPORT_SUFFIX);

	/** The longest companion suffix, that a kept name must leave room for. */
	private static final String LONGEST_SUFFIX = SIMULATED_REPORT_SUFFIX;

	/** The suffix of the one-line reason written beside a failed file. */
	public static final String ERROR_SUFFIX = ".error.txt";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private final Path directory;

	private final Duration settleTime;

	private final Clock clock;

	private final String owner;

	private final String reportSuffix;

	/** An inbox whose files are sent for real (or dry run): reports {@code x.csv.results.csv}. */
	public Inbox(Path directory, Duration settleTime, Clock clock) {
		this(directory, settleTime, clock, false);
	}

	/**
	 * @param simulated whether its files are sent to the simulator: then its reports are named
	 * {@code x.csv.simulated.results.csv}
	 */
	public Inbox(Path directory, Duration settleTime, Clock clock, boolean simulated) {
		this(directory, settleTime, clock, SafeFiles.currentUser(), simulated);
	}

	/**
	 * @param owner the user its sub-folders must belong to: the user the job runs as
	 */
	Inbox(Path directory, Duration settleTime, Clock clock, String owner, boolean simulated) {
		this.directory = directory.toAbsolutePath().normalize();
		this.settleTime = settleTime;
		this.clock = clock;
		this.owner = owner;
		this.reportSuffix = reportSuffix(simulated);
	}

	/** The suffix of the report of a simulated or a real run. */
	public static String reportSuffix(boolean simulated) {
		return simulated ? SIMULATED_REPORT_SUFFIX : REPORT_SUFFIX;
	}

	/**
	 * The longest name a companion of a claimed file can take ({@link #SIMULATED_REPORT_SUFFIX}): a file whose name
	 * leaves no room for it is refused before anything is sent, whichever target serves the inbox, so that
	 * {@code done/} keeps every file under its own name.
	 */
	public static Path longestCompanionOf(Path claimed) {
		return claimed.resolveSibling(claimed.getFileName() + LONGEST_SUFFIX);
	}

	private static boolean isReport(Path file) {
		String name = file.getFileName().toString();
		return REPORT_SUFFIXES.stream().anyMatch(name::endsWith);
	}

	public Path directory() {
		return this.directory;
	}

	public Path processing() {
		return this.directory.resolve(PROCESSING);
	}

	/**
	 * Creates the inbox's sub-folders if missing (owner-only), and checks them.
	 * @throws UnsafeFolderException when one is a link or belongs to another user
	 */
	public void prepare() {
		for (String sub : List.of(PROCESSING, DONE, FAILED)) {
			Path folder = this.directory.resolve(sub);
			try {
				if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
					SafeFiles.createPrivateDirectories(folder);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(this.directory + ": cannot create the inbox folders: " + ex.getMessage(), ex);
			}
			checkFolder(folder);
		}
	}

	private void checkFolder(Path folder) {
		try {
			SafeFiles.checkOwnFolder(folder, this.owner);
		}
		catch (UnsafeTargetException ex) {
			throw new UnsafeFolderException(ex.getMessage(), ex);
		}
	}

	/**
	 * The {@code *.csv} and {@code *.xlsx} regular files ready to process, smallest first (then by name): a large file
	 * does not hold the small ones behind it.
	 */
	public List<Candidate> ready() {
		Instant settledBefore = this.clock.instant().minus(this.settleTime);
		List<Candidate> ready = new ArrayList<>();
		for (Path file : inputFiles(this.directory)) {
			Optional<Candidate> seen = look(file);
			if (seen.isPresent() && !seen.get().modified().isAfter(settledBefore)) {
				ready.add(seen.get());
			}
		}
		ready.sort(Comparator.comparingLong(Candidate::size)
			.thenComparing(candidate -> candidate.file().getFileName().toString()));
		return ready;
	}

	/**
	 * The {@code *.csv}/{@code *.xlsx} names in the inbox that are not regular files (links, folders, pipes): they
	 * are left alone, never followed or read.
	 */
	public List<Path> notRegularFiles() {
		List<Path> others = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory, Inbox::hasInputName)) {
			for (Path entry : entries) {
				if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
					others.add(entry);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(this.directory + ": cannot list: " + ex.getMessage(), ex);
		}
		others.sort(Comparator.comparing(file -> file.getFileName().toString()));
		return others;
	}

	/**
	 * The input files still inside the settle time (they may still be being written), in name order, each with the
	 * time it becomes ready if it does not change meanwhile.
	 */
	public Map<Path, Instant> settling() {
		Instant settledBefore = this.clock.instant().minus(this.settleTime);
		Map<Path, Instant> settling = new LinkedHashMap<>();
		for (Path file : inputFiles(this.directory)) {
			Optional<Candidate> seen = look(file);
			if (seen.isPresent() && seen.get().modified().isAfter(settledBefore)) {
				settling.put(file, seen.get().modified().plus(this.settleTime));
			}
		}
		return settling;
	}

	/** The input files waiting in {@code processing/} (claimed earlier, restartable or abandoned), in name order. */
	public List<Path> inProcessing() {
		List<Path> files = inputFiles(processing());
		files.removeIf(Inbox::isReport);
		return files;
	}

	/**
	 * Claims a file: moves it into {@code processing/} and checks that it can be read there (see {@link #takeIn}).
	 * Empty when another instance won it, when it changed since it was listed (still being written), or when a file
	 * of that name is already in {@code processing/}.
	 *
	 * @throws FileNotTakenException when this one file cannot be taken (it cannot be moved, or read once moved): the
	 * others go on
	 */
	public Optional<Path> claim(Candidate candidate) {
		Optional<Candidate> now = look(candidate.file());
		if (now.isEmpty() || !now.get().equals(candidate)) {
			return Optional.empty();
		}
		checkFolder(processing());
		Path target = processing().resolve(candidate.file().getFileName());
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
			// A rename would replace it: an earlier file of that name awaits its restart.
			return Optional.empty();
		}
		Path claimed;
		try {
			claimed = Files.move(candidate.file(), target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (NoSuchFileException | FileAlreadyExistsException lost) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new FileNotTakenException(candidate.file(), false, name(candidate.file())
					+ ": cannot be moved into " + PROCESSING + "/ (" + reason(ex) + "); left in the inbox: " + this.owner
					+ ", who runs the job, needs write permission on the inbox folder, and must own it when it has the"
					+ " sticky bit, to take other users' files (docs/operations.md, A shared inbox)", ex);
		}
		try {
			if (!Files.isRegularFile(claimed, LinkOption.NOFOLLOW_LINKS)) {
				// Swapped for a link between the look and the rename: put it back, untouched and unread.
				Files.move(claimed, candidate.file(), StandardCopyOption.ATOMIC_MOVE);
				return Optional.empty();
			}
			takeIn(claimed);
			return Optional.of(claimed);
		}
		catch (IOException ex) {
			throw new FileNotTakenException(claimed, true, name(claimed) + ": cannot be read by " + this.owner
					+ ", who runs the job (" + reason(ex) + describeAccess(claimed) + "): make it readable to that user"
					+ " or to the inbox's group, and drop it into the inbox again", ex);
		}
	}

	/**
	 * Checks that a claimed file can be read, and stamps it with its claim time (see {@link #claimedAt}). Only a
	 * file's owner may set its times: a file of another user (an operator dropping files into a shared inbox) keeps
	 * its own, and the change time its move into {@code processing/} gave it says when it was claimed.
	 */
	private void takeIn(Path claimed) throws IOException {
		// Its owner may have taken the read permission away (mode 000): found here, before the job is started on it.
		Files.newByteChannel(claimed, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS).close();
		if (ownedByTheJob(claimed)) {
			Files.setLastModifiedTime(claimed, FileTime.from(this.clock.instant()));
		}
	}

	private boolean ownedByTheJob(Path file) throws IOException {
		return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName().equals(this.owner);
	}

	/** {@code ; it belongs to alice, mode rw-------}, or nothing when that cannot be read either. */
	private static String describeAccess(Path file) {
		try {
			return "; it belongs to " + Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName() + ", mode "
					+ PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
		}
		catch (IOException | UnsupportedOperationException unknown) {
			return "";
		}
	}

	/** What the file system said, in words: NIO puts only the path in the message of some of its exceptions. */
	private static String reason(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "permission denied";
		}
		if (ex instanceof FileSystemException fileProblem && fileProblem.getReason() != null) {
			return fileProblem.getReason();
		}
		return ex.getMessage();
	}

	private static String name(Path file) {
		return String.valueOf(file.getFileName());
	}

	/**
	 * When a file in {@code processing/} was claimed (or last touched): its modification time, which the claim set;
	 * for a file of another user, whose times the claim could not set, its change time (set by its move).
	 */
	public Instant claimedAt(Path claimed) {
		try {
			if (!ownedByTheJob(claimed)) {
				try {
					return ((FileTime) Files.getAttribute(claimed, "unix:ctime", LinkOption.NOFOLLOW_LINKS)).toInstant();
				}
				catch (UnsupportedOperationException | IllegalArgumentException noChangeTimeHere) {
					// Not a Unix file system: its modification time is all there is.
				}
			}
			return Files.getLastModifiedTime(claimed, LinkOption.NOFOLLOW_LINKS).toInstant();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(claimed + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Sends back to the inbox the files claimed longer than {@code grace} ago that have no run to restart: their
	 * process died before the job started, or after it completed but before the file was moved. Run again, a
	 * completed content is not sent twice. Returns the files sent back.
	 */
	public List<Path> returnOrphans(Set<Path> withRun, Duration grace) {
		Instant claimedBefore = this.clock.instant().minus(grace);
		List<Path> returned = new ArrayList<>();
		for (Path waiting : inProcessing()) {
			if (!withRun.contains(waiting) && claimedAt(waiting).isBefore(claimedBefore)
					&& !finish(waiting, FileOutcome.RETRY, null).equals(waiting)) {
				returned.add(waiting);
			}
		}
		return returned;
	}

	/** Where the report of a claimed file is written while it is processed, and lies beside it once it moved on. */
	public Path reportOf(Path claimed) {
		return claimed.resolveSibling(claimed.getFileName() + this.reportSuffix);
	}

	/**
	 * Moves a claimed file on according to its outcome, with its report (and, when {@code reason} is given, a
	 * one-line error note). Returns where the file is now.
	 */
	public Path finish(Path claimed, FileOutcome outcome, String reason) {
		try {
			return switch (outcome) {
				case RESTARTABLE -> claimed;
				case RETRY -> release(claimed);
				case DONE -> moveWithCompanions(claimed, this.directory.resolve(DONE), reason);
				case UNREADABLE -> moveWithCompanions(claimed, this.directory.resolve(FAILED),
						reason == null ? "failed" : reason);
			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException(claimed + ": cannot move to " + outcome + ": " + ex.getMessage(), ex);
		}
	}

	private Path release(Path claimed) throws IOException {
		Path back = this.directory.resolve(claimed.getFileName());
		if (Files.exists(back, LinkOption.NOFOLLOW_LINKS)) {
			return claimed;
		}
		// Back in the inbox the file is processed afresh: a report left beside it, of either target, is stale.
		for (String suffix : REPORT_SUFFIXES) {
			Files.deleteIfExists(claimed.resolveSibling(claimed.getFileName() + suffix));
		}
		return Files.move(claimed, back, StandardCopyOption.ATOMIC_MOVE);
	}

	private Path moveWithCompanions(Path claimed, Path folder, String reason) throws IOException {
		checkFolder(folder);
		String original = claimed.getFileName().toString();
		String name = fitted(original);
		if (Files.exists(folder.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
			// Keep the earlier file of that name: this one gets a time stamp.
			name = fitted(STAMP.format(this.clock.instant()) + "-" + original);
		}
		if (reason != null && !name.endsWith(original)) {
			reason = reason + " (renamed from its " + original.getBytes(StandardCharsets.UTF_8).length
					+ "-byte name, too long for its notes: " + original + ")";
		}
		// Its own report, and one of the other target if an earlier run left it: a report travels with its file.
		for (String suffix : REPORT_SUFFIXES) {
			Path report = claimed.resolveSibling(original + suffix);
			if (Files.exists(report, LinkOption.NOFOLLOW_LINKS)) {
				// A rename replaces a link planted at the name; it never writes through it.
				Files.move(report, folder.resolve(name + suffix), StandardCopyOption.ATOMIC_MOVE);
			}
		}
		if (reason != null) {
			SafeFiles.writeString(folder.resolve(name + ERROR_SUFFIX), SafeFiles.Existing.REPLACE,
					TerminalText.clean(reason) + System.lineSeparator());
		}
		return Files.move(claimed, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * The name a file keeps in {@code done/} or {@code failed/}: its own, unless that name with its longest companion
	 * suffix ({@link #SIMULATED_REPORT_SUFFIX}, whichever target this inbox serves: its companions may be of either)
	 * would not fit the file system; then a shorter one, unique by a hash of the original, with its extension.
	 */
	static String fitted(String name) {
		if (SafeFiles.fits(name + LONGEST_SUFFIX)) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		String extension = dot > 0 && name.length() - dot <= 6 ? name.substring(dot) : "";
		String hash = HexFormat.of().formatHex(sha256(name), 0, 4);
		String tail = "~" + hash + extension;
		StringBuilder kept = new StringBuilder();
		for (int i = 0; i < name.length(); i = name.offsetByCodePoints(i, 1)) {
			String next = kept.toString() + new String(Character.toChars(name.codePointAt(i)));
			if (!SafeFiles.fits(next + tail + LONGEST_SUFFIX)) {
				break;
			}
			kept.setLength(0);
			kept.append(next);
		}
		return kept + tail;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Optional<Candidate> look(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isRegularFile()) {
				return Optional.empty();
			}
			return Optional.of(new Candidate(file, attributes.size(), attributes.lastModifiedTime().toInstant()));
		}
		catch (NoSuchFileException gone) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(file + ": " + ex.getMessage(), ex);
		}
	}

	private static List<Path> inputFiles(Path folder) {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, Inbox::isInput)) {
			entries.forEach(files::add);
		}
		catch (NoSuchFileException missing) {
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(folder + ": cannot list: " + ex.getMessage(), ex);
		}
		files.sort(Comparator.comparing(file -> file.getFileName().toString()));
		return files;
	}

	static boolean isInput(Path file) {
		return hasInputName(file) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
	}

	private static boolean hasInputName(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return !name.startsWith(".") && (name.endsWith(".csv") || name.endsWith(".xlsx"));
	}

	/**
	 * A file as it was listed.
	 *
	 * @param file the file in the inbox
	 * @param size its size then
	 * @param modified its modification time then
	 */
	public record Candidate(Path file, long size, Instant modified) {
	}
}
