package io.github.campaignbatch.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splitting IMEI cells into devices and checking each IMEI: 15 digits whose last one is the Luhn check digit.
 */
public final class Imeis {

	public static final int LENGTH = 15;

	/**
	 * Separators that always end an IMEI in a list cell: semicolons, commas and line breaks (Unicode line and
	 * paragraph separators included).
	 */
	private static final Pattern LIST_SEPARATORS = Pattern.compile("[;,\\n\\r\\x0B\\f\\u0085\\u2028\\u2029]+");

	/**
	 * White space within a list entry, of any Unicode kind, non-breaking and zero-width spaces included (as
	 * {@link io.github.campaignbatch.input.Whitespace} counts them): it separates IMEIs, or the digit groups of one.
	 */
	private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}\\u200B-\\u200D\\u2060\\uFEFF]+");

	private static final Pattern SCIENTIFIC = Pattern.compile("[0-9]+([.,][0-9]+)?[eE][+]?[0-9]+");

	private Imeis() {
	}

	/**
	 * The IMEI tokens of a cell, in order; empty for a blank cell. Semicolons, commas, line breaks and spaces
	 * separate IMEIs, except that consecutive space-separated digit groups that together make one valid IMEI (15
	 * digits, Luhn check digit right), as in {@code 35 209900 000001 4}, are one IMEI, returned without the
	 * spaces.
	 */
	public static List<String> split(String cell) {
		if (isDigits(cell)) {
			// the usual cell, one IMEI: no separator to look for (two regular expressions a row otherwise)
			return List.of(cell);
		}
		List<String> tokens = new ArrayList<>();
		for (String entry : LIST_SEPARATORS.split(cell)) {
			List<String> pieces = new ArrayList<>();
			for (String piece : SPACES.split(entry)) {
				if (!piece.isEmpty()) {
					pieces.add(piece);
				}
			}
			joinDigitGroups(pieces, tokens);
		}
		return tokens;
	}

	private static boolean isDigits(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Adds the pieces to the tokens, joining the shortest run of digit groups from each piece on that makes a valid
	 * IMEI. A run that does not (wrong length, wrong check digit) is left as separate pieces, each reported as it
	 * was written: a guess would hide the typo.
	 */
	private static void joinDigitGroups(List<String> pieces, List<String> tokens) {
		int i = 0;
		while (i < pieces.size()) {
			int end = i;
			StringBuilder digits = new StringBuilder();
			while (end < pieces.size() && digits.length() < LENGTH && isDigitGroup(normalize(pieces.get(end)))) {
				digits.append(normalize(pieces.get(end)));
				end++;
			}
			if (end - i > 1 && digits.length() == LENGTH && luhnValid(digits.toString())) {
				tokens.add(digits.toString());
				i = end;
			}
			else {
				tokens.add(pieces.get(i));
				i++;
			}
		}
	}

	private static boolean isDigitGroup(String text) {
		return !text.isEmpty() && allDigits(text);
	}

	/**
	 * The IMEI a token stands for: dashes between digit groups, as in {@code 35-209900-176148-1}, are
	 * dropped; nothing else is changed.
	 */
	public static String normalize(String token) {
		return token.indexOf('-') < 0 ? token : token.replace("-", "");
	}

	/** What is wrong with a normalized IMEI, or {@code null} when it is valid. */
	public static String problem(String imei) {
		String shown = imei.length() <= 40 ? imei : imei.substring(0, 40) + "...";
		if (SCIENTIFIC.matcher(imei).matches()) {
			return "IMEI '" + shown + "' is in scientific notation, so its digits were lost: format the IMEI column"
					+ " as Text in the spreadsheet and enter the full 15 digits again";
		}
		if (imei.length() == LENGTH - 1 && allDigits(imei) && luhnValid("0" + imei)) {
			return "IMEI '" + shown + "' has 14 digits, and with a leading 0 it would be a valid IMEI: the 0 was probably "
					+ "dropped because the column held numbers (a CSV saved by Excel, or a General cell); format the IMEI "
					+ "column as Text in the spreadsheet and enter the full 15 digits again";
		}
		if (imei.length() != LENGTH || !allDigits(imei)) {
			String found = imei.chars().allMatch(c -> c >= '0' && c <= '9') ? imei.length() + " digits" : "non-digit characters";
			return "IMEI '" + shown + "' must be exactly 15 digits (found " + found + "): check the device's IMEI";
		}
		if (!luhnValid(imei)) {
			return "IMEI '" + shown + "' fails the check digit (Luhn): a digit is probably mistyped";
		}
		return null;
	}

	private static boolean allDigits(String text) {
		return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
	}

	/** Whether the last digit is the Luhn check digit of the others. */
	public static boolean luhnValid(String digits) {
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 1) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
		}
		return sum % 10 == 0;
	}
}
