package io.github.campaignbatch.thingspace;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapper of the client, configured for a vendor whose answers we do not control: unknown
 * properties are ignored, a missing number in a time window does not fail a whole history page, and a
 * date that arrives with a time part is read by its date.
 */
final class ThingSpaceJson {

	static final JsonMapper MAPPER = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.addModule(new SimpleModule("thingspace-dates").addDeserializer(LocalDate.class, new LenientLocalDate()))
			.build();

	private ThingSpaceJson() {
	}

	static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	/** @throws tools.jackson.core.JacksonException when the body is not the expected JSON */
	static <T> T read(byte[] body, Class<T> type) {
		return MAPPER.readValue(body, type);
	}

	/** Reads {@code 2021-02-08} and also {@code 2021-02-08T00:00:00Z}, keeping the date. */
	static final class LenientLocalDate extends ValueDeserializer<LocalDate> {

		@Override
		public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
			}
			String text = parser.getString().strip();
			if (text.isEmpty()) {
				return null;
			}
			try {
				return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
			}
			catch (DateTimeParseException ex) {
				return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not a YYYY-MM-DD date");
			}
		}
	}
}
