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
	 * Separators in a list cell: semicolons, commas and white space of any Unicode kind, newlines, non-breaking
	 * and zero-width spaces included (as {@link io.github.campaignbatch.input.Whitespace} counts them).
	 */
	private static final Pattern SEPARATORS = Pattern.compile("[;,\\s\\p{Z}\\u200B-\\u200D\\u2060\\uFEFF]+");

	private static final Pattern SCIENTIFIC = Pattern.compile("[0-9]+([.,][0-9]+)?[eE][+]?[0-9]+");

	private Imeis() {
	}

	/** The IMEI tokens of a cell, in order; empty for a blank cell. */
	public static List<String> split(String cell) {
		List<String> tokens = new ArrayList<>();
		for (String token : SEPARATORS.split(cell)) {
			if (!token.isEmpty()) {
				tokens.add(token);
			}
		}
		return tokens;
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
