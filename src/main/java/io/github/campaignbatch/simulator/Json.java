package io.github.campaignbatch.simulator;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's one JSON mapper, and request-body parsing that fails the way the vendor does.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();

	/** What the vendor answers for a body it cannot bind (empty, not JSON, a field of the wrong JSON type). */
	static final String INPUT_BINDING_ERROR = "Input binding error";

	private Json() {
	}

	/** The body as a JSON object, or a 400 {@code Input binding error}. */
	static JsonNode readObject(byte[] body) {
		JsonNode root;
		try {
			root = body.length == 0 ? null : MAPPER.readTree(body);
		}
		catch (JacksonException unparsable) {
			root = null;
		}
		if (root == null || !root.isObject()) {
			throw ApiException.invalidParameter(INPUT_BINDING_ERROR);
		}
		return root;
	}
}
