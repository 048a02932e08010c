package io.github.campaignbatch.input;

import java.nio.file.Path;

/**
 * An input file that cannot be read as a whole: missing, unreadable, of an unsupported format,
 * corrupted, or without the required header. The message is one line that names the file, the cause and
 * what to do, fit to print to the operator as it is.
 */
public class InputFileException extends RuntimeException {

	private final transient Path file;

	public InputFileException(Path file, String problem) {
		super(file.getFileName() + ": " + problem);
		this.file = file;
	}

	public InputFileException(Path file, String problem, Throwable cause) {
		super(file.getFileName() + ": " + problem, cause);
		this.file = file;
	}

	public Path file() {
		return this.file;
	}
}
