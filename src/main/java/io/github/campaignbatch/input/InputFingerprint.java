package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of an input file's bytes: what identifies a job instance, so that the same content is the same
 * job wherever the file lies and whatever it is called.
 */
public final class InputFingerprint {

	private InputFingerprint() {
	}

	public static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			byte[] buffer = new byte[1 << 16];
			while (in.read(buffer) >= 0) {
				// DigestInputStream digests as it reads.
			}
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new InputFileException(file, "cannot be read: " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}
}
