package io.github.campaignbatch.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.github.campaignbatch.output.SafeFiles;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's memory across restarts: a JSON file rewritten whole after every change, through a temporary
 * file moved over the old one, so a reader (or a simulator killed mid-write) never sees half a file.
 * Tests in another process may {@link #read} it to see what the simulator received.
 * Access tokens and sessions are not kept: after a restart, clients authenticate again.
 */
public final class StateFile {

	/** The layout version written in every file. */
	public static final int FORMAT = 1;

	private static final JsonMapper PRETTY = Json.MAPPER.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();

	/**
	 * Everything a state file holds.
	 *
	 * @param nextSequence the {@link SimulatedCampaign#sequence()} the next campaign gets
	 * @param scheduleRequestCount schedule POSTs received so far, rejected ones included
	 * @param campaigns in creation order, each with its last written status (see {@link SimulatedCampaign})
	 */
	public record Contents(int format, long nextSequence, long scheduleRequestCount, List<SimulatedCampaign> campaigns) {

		public Contents {
			campaigns = List.copyOf(campaigns);
		}
	}

	private final Path path;

	StateFile(Path path) {
		this.path = path.toAbsolutePath();
	}

	Path path() {
		return this.path;
	}

	/** What the file holds, or empty when there is no file yet. */
	public static Optional<Contents> read(Path file) {
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try {
			Contents contents = Json.MAPPER.readValue(file.toFile(), Contents.class);
			if (contents.format() != FORMAT) {
				throw new IllegalStateException(
						"Simulator state file " + file + " has format " + contents.format() + ", expected " + FORMAT);
			}
			return Optional.of(contents);
		}
		catch (JacksonException unreadable) {
			throw new UncheckedIOException("Cannot read simulator state file " + file + ": " + unreadable.getOriginalMessage(),
					new IOException(unreadable));
		}
	}

	Optional<Contents> read() {
		return read(this.path);
	}

	void write(Contents contents) {
		try {
			Path directory = this.path.getParent();
			// The data directory may not exist yet: created owner-only, like everything the job creates.
			SafeFiles.createPrivateDirectories(directory);
			Path temporary = Files.createTempFile(directory, this.path.getFileName().toString(), ".tmp");
			try {
				PRETTY.writeValue(temporary.toFile(), contents);
				moveIntoPlace(temporary);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException | JacksonException failure) {
			throw new UncheckedIOException("Cannot write simulator state file " + this.path,
					failure instanceof IOException io ? io : new IOException(failure));
		}
	}

	private void moveIntoPlace(Path temporary) throws IOException {
		try {
			Files.move(temporary, this.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException unusualFileSystem) {
			Files.move(temporary, this.path, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
