package io.github.campaignbatch.simulator;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as the endpoints see it: method, decoded path parameters, query parameters, headers and the
 * whole body.
 */
record SimRequest(String method, String path, List<String> pathParams, Map<String, String> query, Headers headers,
		byte[] body) {

	/** The first value of a header, or {@code null}. */
	String header(String name) {
		return this.headers.getFirst(name);
	}

	/** A path parameter by position (0 = the first {@code {...}} of the route). */
	String pathParam(int index) {
		return this.pathParams.get(index);
	}

	/** A query parameter, or {@code null} when absent. */
	String queryParam(String name) {
		return this.query.get(name);
	}

	/** Decodes {@code a=1&b=2} (query strings and form bodies); the first occurrence of a name wins. */
	static Map<String, String> parseForm(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return values;
		}
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			values.putIfAbsent(name, value);
		}
		return values;
	}

	static String decode(String raw) {
		try {
			return URLDecoder.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException malformed) {
			return raw;
		}
	}
}
