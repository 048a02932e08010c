package io.github.campaignbatch.thingspace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

	/** The characters a JSON string may also write with a backslash and a letter, and how. */
	private static final Map<Integer, String> JSON_SHORT_ESCAPES = Map.of((int) '"', "\\\"", (int) '\\', "\\\\",
			(int) '/', "\\/", (int) '\b', "\\b", (int) '\f', "\\f", (int) '\n', "\\n", (int) '\r', "\\r",
			(int) '\t', "\\t");

	private final List<Pattern> fixed;
	private final Deque<Pattern> tokens = new ArrayDeque<>();

	KnownSecrets(String... credentials) {
		this.fixed = Arrays.stream(credentials).filter(KnownSecrets::worthHiding).map(KnownSecrets::anySpelling).toList();
	}

	/** Remembers a token just obtained. */
	synchronized void add(String token) {
		if (worthHiding(token)) {
			this.tokens.addFirst(anySpelling(token));
			while (this.tokens.size() > MAX_TOKENS) {
				this.tokens.removeLast();
			}
		}
	}

	/** {@code text} with every known secret, in any {@link #anySpelling spelling}, replaced by {@value SecretMasker#MASK}. */
	String scrub(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String scrubbed = text;
		List<Pattern> current;
		synchronized (this) {
			current = new ArrayList<>(this.fixed);
			current.addAll(this.tokens);
		}
		for (Pattern secret : current) {
			scrubbed = secret.matcher(scrubbed).replaceAll(SecretMasker.MASK);
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

	/**
	 * A secret as the vendor could echo it, each character in any of the ways a JSON string, a URL or form
	 * parameter, or an HTML or XML page may write it, mixed freely: itself, a JSON escape (a backslash, {@code u} and
	 * four hex digits of either case; {@code \/}), percent-encoded UTF-8 ({@code %68}, {@code +} for a space), a
	 * character reference ({@code &#104;}, {@code &#x68;}). The Basic credential (the base64 of the client id and
	 * secret) is one of the known values: its base64 is matched the same way, {@code \/} and {@code %2B} included.
	 */
	static Pattern anySpelling(String secret) {
		StringBuilder regex = new StringBuilder();
		secret.codePoints().forEach(c -> regex.append(spellingsOf(c)));
		return Pattern.compile(regex.toString());
	}

	private static String spellingsOf(int c) {
		String character = new String(Character.toChars(c));
		List<String> spellings = new ArrayList<>();
		spellings.add(Pattern.quote(character));
		StringBuilder json = new StringBuilder();
		for (char unit : character.toCharArray()) {
			json.append("\\\\u").append(hex(unit, 4));
		}
		spellings.add(json.toString());
		String shortEscape = JSON_SHORT_ESCAPES.get(c);
		if (shortEscape != null) {
			spellings.add(Pattern.quote(shortEscape));
		}
		StringBuilder percent = new StringBuilder();
		for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
			percent.append('%').append(hex(b & 0xff, 2));
		}
		spellings.add(percent.toString());
		if (c == ' ') {
			spellings.add("\\+");
		}
		spellings.add("&#0*" + c + ";");
		spellings.add("&#[xX]0*" + hex(c, 1) + ";");
		return "(?:" + String.join("|", spellings) + ")";
	}

	/** The value in hexadecimal, at least {@code width} digits, each letter matching either case. */
	private static String hex(int value, int width) {
		String digits = String.format("%0" + width + "x", value);
		StringBuilder regex = new StringBuilder();
		for (char digit : digits.toCharArray()) {
			regex.append(Character.isLetter(digit) ? "[" + digit + Character.toUpperCase(digit) + "]" : digit);
		}
		return regex.toString();
	}
}
