package io.github.campaignbatch.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A folder that files are dropped into. Its lifecycle: {@code DIR/x.csv} → (claimed) {@code DIR/processing/x.csv} →
 * {@code DIR/done/x.csv} with {@code x.csv.results.csv}, or {@code DIR/failed/x.csv} with {@code x.csv.error.txt};
 * a restartable file stays in {@code processing/}.
 *
 * <p>Claiming is one atomic rename within the folder's file system: when several instances see the same file,
 * exactly one rename succeeds and the others find the file gone. A file still being written (modified within the
 * settle time, or whose size or time changed since it was listed) is left for the next look.
 */
public final class Inbox {

	public static final String PROCESSING = "processing";

	public static final String DONE = "done";

	public static final String FAILED = "failed";

	/** The suffix of the report written beside a file. */
	public static final String REPORT_SUFFIX = ".results.csv";

	/** The suffix of the one-line reason written beside a failed file. */
	public static final String ERROR_SUFFIX = ".error.txt";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

	private final Path directory;

	private final Duration settleTime;

	private final Clock clock;

	public Inbox(Path directory, Duration settleTime, Clock clock) {
		this.directory = directory.toAbsolutePath().normalize();
		this.settleTime = settleTime;
		this.clock = clock;
	}

	public Path directory() {
		return this.directory;
	}

	public Path processing() {
		return this.directory.resolve(PROCESSING);
	}

	/** Creates the inbox's sub-folders if missing. */
	public void prepare() {
		try {
			for (String sub : List.of(PROCESSING, DONE, FAILED)) {
				Files.createDirectories(this.directory.resolve(sub));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(this.directory + ": cannot create the inbox folders: " + ex.getMessage(), ex);
		}
	}

	/** The {@code *.csv} and {@code *.xlsx} files ready to process, in name order. */
	public List<Candidate> ready() {
		Instant settledBefore = this.clock.instant().minus(this.settleTime);
		List<Candidate> ready = new ArrayList<>();
		for (Path file : inputFiles(this.directory)) {
			Optional<Candidate> seen = look(file);
			if (seen.isPresent() && !seen.get().modified().isAfter(settledBefore)) {
				ready.add(seen.get());
			}
		}
		return ready;
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
		files.removeIf(file -> file.getFileName().toString().endsWith(REPORT_SUFFIX));
		return files;
	}

	/**
	 * Claims a file: moves it into {@code processing/}. Empty when another instance won it, when it changed since
	 * it was listed (still being written), or when a file of that name is already in {@code processing/}.
	 */
	public Optional<Path> claim(Candidate candidate) {
		Optional<Candidate> now = look(candidate.file());
		if (now.isEmpty() || !now.get().equals(candidate)) {
			return Optional.empty();
		}
		Path target = processing().resolve(candidate.file().getFileName());
		if (Files.exists(target)) {
			// A rename would replace it: an earlier file of that name awaits its restart.
			return Optional.empty();
		}
		try {
			Path claimed = Files.move(candidate.file(), target, StandardCopyOption.ATOMIC_MOVE);
			// Its time now says when it was claimed (see claimedAt).
			Files.setLastModifiedTime(claimed, FileTime.from(this.clock.instant()));
			return Optional.of(claimed);
		}
		catch (NoSuchFileException | FileAlreadyExistsException lost) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(candidate.file() + ": cannot claim: " + ex.getMessage(), ex);
		}
	}

	/** When a file in {@code processing/} was claimed (or last touched). */
	public Instant claimedAt(Path claimed) {
		try {
			return Files.getLastModifiedTime(claimed).toInstant();
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

	/** Where the report of a claimed file is written while it is processed. */
	public static Path reportOf(Path claimed) {
		return claimed.resolveSibling(claimed.getFileName() + REPORT_SUFFIX);
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
		if (Files.exists(back)) {
			return claimed;
		}
		Files.deleteIfExists(reportOf(claimed));
		return Files.move(claimed, back, StandardCopyOption.ATOMIC_MOVE);
	}

	private Path moveWithCompanions(Path claimed, Path folder, String reason) throws IOException {
		String name = claimed.getFileName().toString();
		if (Files.exists(folder.resolve(name))) {
			// Keep the earlier file of that name: this one gets a time stamp.
			name = STAMP.format(this.clock.instant()) + "-" + name;
		}
		Path report = reportOf(claimed);
		if (Files.exists(report)) {
			Files.move(report, folder.resolve(name + REPORT_SUFFIX), StandardCopyOption.REPLACE_EXISTING);
		}
		if (reason != null) {
			Files.writeString(folder.resolve(name + ERROR_SUFFIX), oneLine(reason) + System.lineSeparator(),
					StandardCharsets.UTF_8);
		}
		return Files.move(claimed, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
	}

	private static String oneLine(String text) {
		return text.replaceAll("\\p{Cntrl}+", " ").strip();
	}

	private Optional<Candidate> look(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
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
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return !name.startsWith(".") && (name.endsWith(".csv") || name.endsWith(".xlsx")) && Files.isRegularFile(file);
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
