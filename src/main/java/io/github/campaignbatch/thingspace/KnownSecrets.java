package io.github.campaignbatch.thingspace;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The actual credential values of one client: the client secret, the password, the Basic credential and
 * the latest tokens. Pattern masking ({@link SecretMasker#maskText}) only catches secrets that sit next to
 * a telling name; this catches the vendor echoing one of ours anywhere in a body or message.
 */
final class KnownSecrets {

	/** Shorter values would also blank out ordinary words and pieces of IMEIs. */
	private static final int MIN_LENGTH = 8;

	/** Old tokens are dead; remembering a few covers a refresh in progress. */
	private static final int MAX_TOKENS = 8;

	private final List<String> fixed;
	private final Deque<String> tokens = new ArrayDeque<>();

	KnownSecrets(String... credentials) {
		this.fixed = Arrays.stream(credentials).filter(KnownSecrets::worthHiding).toList();
	}

	/** Remembers a token just obtained. */
	synchronized void add(String token) {
		if (worthHiding(token)) {
			this.tokens.addFirst(token);
			while (this.tokens.size() > MAX_TOKENS) {
				this.tokens.removeLast();
			}
		}
	}

	/** {@code text} with every known secret replaced by {@value SecretMasker#MASK}. */
	String scrub(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String scrubbed = text;
		for (String secret : this.fixed) {
			scrubbed = scrubbed.replace(secret, SecretMasker.MASK);
		}
		List<String> current;
		synchronized (this) {
			current = List.copyOf(this.tokens);
		}
		for (String token : current) {
			scrubbed = scrubbed.replace(token, SecretMasker.MASK);
		}
		return scrubbed;
	}

	/** Pattern masking, then known values, then cut to one line of at most {@code maxLength} characters. */
	String excerpt(String text, int maxLength) {
		return SecretMasker.excerpt(scrub(text), maxLength);
	}

	private static boolean worthHiding(String value) {
		return value != null && value.strip().length() >= MIN_LENGTH;
	}
}
