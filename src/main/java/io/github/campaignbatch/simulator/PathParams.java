package io.github.campaignbatch.simulator;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The vendor's checks on identifiers in the path: the account name and the campaign UUID.
 */
final class PathParams {

	private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
	private static final Pattern UUID = Pattern.compile(
			"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private PathParams() {
	}

	static String account(SimRequest request, int index) {
		String account = request.pathParam(index);
		if (!ACCOUNT.matcher(account).matches()) {
			throw ApiException.invalidParameter("Invalid account name format");
		}
		return account;
	}

	static String campaignId(SimRequest request, int index) {
		return uuid(request.pathParam(index));
	}

	/** A campaign id given anywhere (path or query), checked for UUID form. */
	static String uuid(String value) {
		if (!UUID.matcher(value).matches()) {
			throw ApiException.invalidParameter("Invalid uuid");
		}
		return value.toLowerCase(Locale.ROOT);
	}
}
