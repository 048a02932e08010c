package io.github.campaignbatch.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The SHA-256 of an input file's bytes: what identifies a job instance, so that the same content is the same
 * job wherever the file lies and whatever it is called.
 */
public final class InputFingerprint {

	private InputFingerprint() {
	}

	/**
	 * Starts hashing the file on a thread of its own, for a command that has other work to do before it needs the
	 * hash (starting the application): reading a large file once more then costs no waiting.
	 */
	public static Pending inBackground(Path file) {
		CompletableFuture<String> hash = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				hash.complete(sha256(file));
			}
			catch (RuntimeException | Error ex) {
				hash.completeExceptionally(ex);
			}
		}, "input-fingerprint");
		thread.setDaemon(true);
		thread.start();
		return new Pending(file, hash);
	}

	/** A hash being computed by {@link #inBackground}. */
	public static final class Pending {

		private final Path file;

		private final CompletableFuture<String> hash;

		private Pending(Path file, CompletableFuture<String> hash) {
			this.file = file;
			this.hash = hash;
		}

		public Path file() {
			return this.file;
		}

		/**
		 * The hash, once computed.
		 * @throws InputFileException as {@link #sha256} does
		 */
		public String sha256() {
			try {
				return this.hash.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException failure) {
					throw failure;
				}
				if (ex.getCause() instanceof Error error) {
					throw error;
				}
				throw ex;
			}
		}
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
