package io.github.campaignbatch.input;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric cell's text as the spreadsheet shows it, from the cell's number format: {@code 2.1} formatted
 * {@code 0.00} is the version {@code 2.10}, and an IMEI kept in a number cell formatted {@code 000000000000000}
 * keeps its leading 0. The common formats are applied as Excel applies them: {@code General}, whole numbers and
 * decimals ({@code 0}, {@code 0.00}, {@code #,##0.0#}), zero-padded custom formats with literal text
 * ({@code 00-000000-000000-0}, {@code "v"0.00}), percentages, and sections for negative numbers and zero.
 * Everything else (scientific, fractions, text {@code @}) reads as {@code General}.
 * <p>
 * {@code General} here is every digit, without exponent or trailing zeros, to Excel's precision of 15 significant
 * digits: Excel would show a 15-digit IMEI as {@code 3.53457E+14}, a display that has lost digits the cell still
 * holds, and that the job must not lose.
 */
final class XlsxNumberFormat {

	/** Excel keeps numbers to 15 significant digits; digits past them are artefacts of binary doubles. */
	private static final MathContext EXCEL_PRECISION = new MathContext(15, RoundingMode.HALF_UP);

	private XlsxNumberFormat() {
	}

	/**
	 * Whether a number format shows a date or time: a built-in date format id, or a format string with date or
	 * time letters outside quoted text, escapes and brackets (as POI and Excel decide it).
	 * @param id the number format id, {@code null} when the cell has none
	 * @param format the format string, {@code null} for a built-in format without one
	 */
	static boolean isDate(Integer id, String format) {
		if (id != null && ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47)
				|| (id >= 50 && id <= 58))) {
			return true;
		}
		if (format == null) {
			return false;
		}
		String firstSection = sections(format).get(0);
		for (Token token : tokens(firstSection)) {
			if (token.kind() == Kind.ELAPSED) {
				return true;
			}
			if (token.kind() == Kind.OTHER && "yYmMdDhHsS".indexOf(token.text().charAt(0)) >= 0) {
				return true;
			}
		}
		return false;
	}

	/** The text of a number under a format ({@code null}, {@code General} and unsupported formats: every digit). */
	static String format(BigDecimal value, String format) {
		BigDecimal number = value.round(EXCEL_PRECISION);
		if (format == null || format.isBlank()) {
			return general(number);
		}
		List<String> sections = sections(format);
		String section = sections.get(0);
		boolean sign = number.signum() < 0;
		if (number.signum() < 0 && sections.size() >= 2) {
			section = sections.get(1);
			sign = false; // the negative section writes its own sign, if any
		}
		else if (number.signum() == 0 && sections.size() >= 3) {
			section = sections.get(2);
		}
		Pattern pattern = Pattern.parse(section);
		if (pattern == null) {
			return general(number);
		}
		String shown = pattern.apply(number.abs());
		return sign && !isZero(shown) ? "-" + shown : shown;
	}

	/** Every digit, no exponent, no trailing zeros. */
	static String general(BigDecimal value) {
		BigDecimal number = value.round(EXCEL_PRECISION).stripTrailingZeros();
		return (number.signum() == 0) ? "0" : number.toPlainString();
	}

	private static boolean isZero(String shown) {
		return shown.chars().noneMatch((c) -> c >= '1' && c <= '9');
	}

	/** The format's sections, separated by {@code ;} outside quotes and escapes. */
	private static List<String> sections(String format) {
		List<String> sections = new ArrayList<>();
		int start = 0;
		boolean quoted = false;
		for (int i = 0; i < format.length(); i++) {
			char c = format.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == '\\') {
				i++;
			}
			else if (!quoted && c == ';') {
				sections.add(format.substring(start, i));
				start = i + 1;
			}
		}
		sections.add(format.substring(start));
		return sections;
	}

	private enum Kind {

		/** A digit placeholder: {@code 0}, {@code #} or {@code ?}. */
		DIGIT,
		/** Text shown as it is: quoted, escaped, padding ({@code _x}) or a character Excel shows unquoted. */
		LITERAL, DECIMAL_POINT, COMMA, PERCENT,
		/** {@code [h]}, {@code [mm]}, {@code [ss]}: elapsed time. */
		ELAPSED,
		/** Anything else (date letters, exponents, fractions, {@code General}, {@code @}). */
		OTHER
	}

	private record Token(Kind kind, String text) {
	}

	private static List<Token> tokens(String section) {
		List<Token> tokens = new ArrayList<>();
		for (int i = 0; i < section.length(); i++) {
			char c = section.charAt(i);
			switch (c) {
				case '0', '#', '?' -> tokens.add(new Token(Kind.DIGIT, String.valueOf(c)));
				case '.' -> tokens.add(new Token(Kind.DECIMAL_POINT, "."));
				case ',' -> tokens.add(new Token(Kind.COMMA, ","));
				case '%' -> tokens.add(new Token(Kind.PERCENT, "%"));
				case '"' -> {
					int end = section.indexOf('"', i + 1);
					end = (end < 0) ? section.length() : end;
					tokens.add(new Token(Kind.LITERAL, section.substring(i + 1, end)));
					i = end;
				}
				case '\\' -> {
					if (i + 1 < section.length()) {
						tokens.add(new Token(Kind.LITERAL, String.valueOf(section.charAt(++i))));
					}
				}
				case '_' -> {
					i++; // the width of the next character: a space
					tokens.add(new Token(Kind.LITERAL, " "));
				}
				case '*' -> i++; // repeat the next character to fill the column: nothing to show here
				case '[' -> {
					int end = section.indexOf(']', i);
					end = (end < 0) ? section.length() - 1 : end;
					String inside = section.substring(i + 1, end).toLowerCase(java.util.Locale.ROOT);
					if (inside.matches("h+|m+|s+")) {
						tokens.add(new Token(Kind.ELAPSED, inside));
					}
					// colours, conditions and locales show nothing
					i = end;
				}
				case '$', '-', '+', '/', '(', ')', ':', '!', '^', '&', '\'', '~', '{', '}', '<', '>', '=', ' ' ->
					tokens.add(new Token(c == '/' ? Kind.OTHER : Kind.LITERAL, String.valueOf(c)));
				default -> tokens.add(new Token(Kind.OTHER, String.valueOf(c)));
			}
		}
		return tokens;
	}

	/** One section of a number format that this class can apply. */
	private static final class Pattern {

		private final List<Token> prefix = new ArrayList<>();

		/** Placeholders and literals of the whole part, in order. */
		private final List<Token> integer = new ArrayList<>();

		/** Placeholders and literals of the decimals, in order. */
		private final List<Token> fraction = new ArrayList<>();

		private final List<Token> suffix = new ArrayList<>();

		private boolean decimalPoint;

		private boolean grouping;

		private int thousandsScaling;

		private int percents;

		private boolean textOnly;

		/** The section as a pattern, or {@code null} when it is not one this class applies. */
		static Pattern parse(String section) {
			List<Token> tokens = tokens(section);
			int first = -1;
			int last = -1;
			for (int i = 0; i < tokens.size(); i++) {
				Kind kind = tokens.get(i).kind();
				if (kind == Kind.OTHER || kind == Kind.ELAPSED) {
					return null;
				}
				if (kind == Kind.DIGIT) {
					first = (first < 0) ? i : first;
					last = i;
				}
			}
			Pattern pattern = new Pattern();
			if (first < 0) {
				// text only, as the zero section of "0.00;-0.00;\"none\"" is
				tokens.forEach((t) -> pattern.prefix.add(new Token(Kind.LITERAL, t.text())));
				pattern.textOnly = true;
				return pattern;
			}
			for (int i = 0; i < tokens.size(); i++) {
				Token token = tokens.get(i);
				switch (token.kind()) {
					case PERCENT -> {
						pattern.percents++;
						pattern.place(token, i, first, last);
					}
					case DECIMAL_POINT -> {
						if (i < first || i > last || pattern.decimalPoint) {
							pattern.place(new Token(Kind.LITERAL, "."), i, first, last);
						}
						else {
							pattern.decimalPoint = true;
						}
					}
					case COMMA -> {
						Kind before = (i > 0) ? tokens.get(i - 1).kind() : null;
						if (i > last && (before == Kind.DIGIT || before == Kind.COMMA)) {
							pattern.thousandsScaling++; // a comma right after the digits divides by 1,000
						}
						else if (i > first && i < last && !pattern.decimalPoint && tokens.get(i + 1).kind() == Kind.DIGIT) {
							pattern.grouping = true;
						}
						else {
							pattern.place(token, i, first, last);
						}
					}
					default -> pattern.place(token, i, first, last);
				}
			}
			return pattern;
		}

		private void place(Token token, int index, int first, int last) {
			if (index < first) {
				this.prefix.add(token);
			}
			else if (index > last) {
				this.suffix.add(token);
			}
			else {
				(this.decimalPoint ? this.fraction : this.integer).add(token);
			}
		}

		String apply(BigDecimal value) {
			BigDecimal number = value.movePointRight(2 * this.percents).movePointLeft(3 * this.thousandsScaling);
			int maxDecimals = (int) this.fraction.stream().filter((t) -> t.kind() == Kind.DIGIT).count();
			number = number.setScale(maxDecimals, RoundingMode.HALF_UP);
			String digits = number.toPlainString();
			int point = digits.indexOf('.');
			String whole = (point < 0) ? digits : digits.substring(0, point);
			String decimals = (point < 0) ? "" : digits.substring(point + 1);
			StringBuilder text = new StringBuilder();
			this.prefix.forEach((t) -> text.append(t.text()));
			if (this.textOnly) {
				return text.toString();
			}
			text.append(this.grouping ? grouped(whole) : filled(whole));
			if (this.decimalPoint) {
				text.append('.').append(decimals(decimals));
			}
			this.suffix.forEach((t) -> text.append(t.text()));
			return text.toString();
		}

		/** The whole part with thousands separators, at least as many digits as the pattern has zeros. */
		private String grouped(String whole) {
			int zeros = (int) this.integer.stream().filter((t) -> t.text().equals("0")).count();
			String digits = significant(whole, zeros);
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < digits.length(); i++) {
				if (i > 0 && (digits.length() - i) % 3 == 0) {
					text.append(',');
				}
				text.append(digits.charAt(i));
			}
			return text.toString();
		}

		/**
		 * The whole part written into the placeholders from the right, literals in their places: digits beyond the
		 * placeholders go before the first one, a {@code 0} with no digit left shows 0, a {@code ?} a space and a
		 * {@code #} nothing.
		 */
		private String filled(String whole) {
			String digits = significant(whole, 0);
			StringBuilder text = new StringBuilder();
			int next = digits.length() - 1;
			int firstDigit = -1;
			for (int i = 0; i < this.integer.size(); i++) {
				if (this.integer.get(i).kind() == Kind.DIGIT) {
					firstDigit = i;
					break;
				}
			}
			for (int i = this.integer.size() - 1; i >= 0; i--) {
				Token token = this.integer.get(i);
				if (token.kind() != Kind.DIGIT) {
					text.insert(0, token.text());
					continue;
				}
				if (next >= 0) {
					text.insert(0, digits.charAt(next--));
					if (i == firstDigit && next >= 0) {
						text.insert(0, digits, 0, next + 1);
						next = -1;
					}
				}
				else if (token.text().equals("0")) {
					text.insert(0, '0');
				}
				else if (token.text().equals("?")) {
					text.insert(0, ' ');
				}
			}
			return text.toString();
		}

		/** The digits of a whole part without leading zeros, padded with zeros to {@code minimum} digits. */
		private static String significant(String whole, int minimum) {
			String digits = whole.replaceFirst("^0+", "");
			return "0".repeat(Math.max(0, minimum - digits.length())) + digits;
		}

		/** The decimals in their placeholders: trailing zeros under {@code #} dropped, under {@code ?} spaces. */
		private String decimals(String decimals) {
			StringBuilder text = new StringBuilder();
			int next = 0;
			for (Token token : this.fraction) {
				if (token.kind() != Kind.DIGIT) {
					text.append(token.text());
					continue;
				}
				char digit = decimals.charAt(next++);
				boolean trailingZero = decimals.substring(next - 1).chars().allMatch((c) -> c == '0');
				if (trailingZero && token.text().equals("#")) {
					continue;
				}
				text.append(trailingZero && token.text().equals("?") ? ' ' : digit);
			}
			return text.toString();
		}
	}
}
