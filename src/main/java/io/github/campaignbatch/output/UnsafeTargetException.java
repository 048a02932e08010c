package io.github.campaignbatch.output;

import java.io.IOException;

/**
 * A file or folder the job was asked to write to is refused: it is not a regular file (a device such as
 * {@code /dev/null}, a folder, a link), its name is too long, it already exists and may not be replaced, its folder
 * is missing, or a folder the job writes into is a link or belongs to another user. The message is one line for the
 * operator.
 */
public class UnsafeTargetException extends IOException {

	public UnsafeTargetException(String message) {
		super(message);
	}
}
