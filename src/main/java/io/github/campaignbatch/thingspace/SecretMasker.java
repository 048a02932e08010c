package io.github.campaignbatch.thingspace;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials before anything is logged or put into an exception message: header values, JSON
 * and form bodies, free text carrying {@code Bearer}/{@code Basic} credentials.
 * <p>
 * Masking replaces the whole value with {@value #MASK}; no prefix or suffix is kept, since even part of a
 * token helps an attacker and nobody needs it to debug.
 */
public final class SecretMasker {

	/** What a masked value is replaced with. */
	public static final String MASK = "****";

	private static final String UNSET = "<unset>";

	private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization",
			"vz-m2m-token", "cookie", "set-cookie");

	private static final String SECRET_KEYS = "password|client_secret|clientSecret|access_token|accessToken"
			+ "|refresh_token|id_token|sessionToken|session_token|VZ-M2M-Token";

	private static final Pattern JSON_SECRET = Pattern.compile(
			"(\"(?:" + SECRET_KEYS + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\s]+)", Pattern.CASE_INSENSITIVE);

	/** {@code password=...} in a form body or a query, {@code password: ...} in free text. */
	private static final Pattern FORM_SECRET = Pattern.compile(
			"((?<![\\w\"-])(?:" + SECRET_KEYS + ")\\s*[=:]\\s*)[^&\\s,;\"}]+", Pattern.CASE_INSENSITIVE);

	private static final Pattern AUTH_SCHEME = Pattern.compile(
			"\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]+", Pattern.CASE_INSENSITIVE);

	private SecretMasker() {
	}

	/**
	 * Masks one secret value: {@value #MASK} if it has content, {@code <unset>} otherwise, so a
	 * configuration dump still shows which credentials are missing.
	 */
	public static String mask(String secret) {
		return secret == null || secret.isBlank() ? UNSET : MASK;
	}

	/**
	 * The value of a header as it may be logged: credentials carrying headers are masked, an
	 * {@code Authorization} header keeps its scheme ({@code Bearer ****}).
	 */
	public static String maskHeader(String name, String value) {
		if (name == null || value == null || !SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
			return value;
		}
		int space = value.indexOf(' ');
		if (name.equalsIgnoreCase("authorization") && space > 0) {
			return value.substring(0, space) + " " + MASK;
		}
		return MASK;
	}

	/** A copy of the headers with {@link #maskHeader(String, String)} applied to each value. */
	public static Map<String, String> maskHeaders(Map<String, String> headers) {
		Map<String, String> masked = new LinkedHashMap<>();
		headers.forEach((name, value) -> masked.put(name, maskHeader(name, value)));
		return masked;
	}

	/**
	 * Masks secrets inside a request or response body or any free text: the values of JSON properties
	 * and form fields named like a credential, and the credentials after {@code Bearer}/{@code Basic}.
	 */
	public static String maskText(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String masked = replaceGroup1(JSON_SECRET, text, "\"" + MASK + "\"");
		masked = replaceGroup1(FORM_SECRET, masked, MASK);
		return AUTH_SCHEME.matcher(masked).replaceAll(m -> m.group(1) + " " + MASK);
	}

	/** {@link #maskText(String)}, then cut to at most {@code maxLength} characters for a log line or message. */
	public static String excerpt(String text, int maxLength) {
		String masked = maskText(text);
		if (masked == null) {
			return "";
		}
		String oneLine = masked.replaceAll("\\s+", " ").strip();
		return oneLine.length() <= maxLength ? oneLine : oneLine.substring(0, maxLength) + "…";
	}

	private static String replaceGroup1(Pattern pattern, String text, String replacement) {
		Matcher matcher = pattern.matcher(text);
		return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + replacement));
	}
}
