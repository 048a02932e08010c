package io.github.campaignbatch.thingspace;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.github.campaignbatch.campaign.TimeWindow;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapper of the client, configured for a vendor whose answers we do not control: unknown
 * properties are ignored, a time window that is missing a number or out of range does not fail a whole
 * history page, and a date that arrives with a time part is read by its date.
 * <p>
 * It is also the client's edge for the job's own {@link TimeWindow}: the vendor calls its hours
 * {@code startTime}/{@code endTime}, so they are written and read under those names here, and the rest of
 * the job needs no second window type.
 */
final class ThingSpaceJson {

	static final JsonMapper MAPPER = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.addModule(new SimpleModule("thingspace-dates").addDeserializer(LocalDate.class, new LenientLocalDate()))
			.addModule(new SimpleModule("thingspace-time-windows")
					.addSerializer(TimeWindow.class, new TimeWindowWriter())
					.addDeserializer(TimeWindow.class, new TimeWindowReader()))
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

	/** Writes a window as the vendor's {@code {"startTime": h, "endTime": h}}. */
	static final class TimeWindowWriter extends ValueSerializer<TimeWindow> {

		@Override
		public void serialize(TimeWindow window, JsonGenerator generator, SerializationContext context) {
			generator.writeStartObject();
			generator.writeNumberProperty("startTime", window.startHour());
			generator.writeNumberProperty("endTime", window.endHour());
			generator.writeEndObject();
		}
	}

	/**
	 * Reads the vendor's window; one that is missing an hour or lies outside the documented ranges reads as
	 * {@code null}: it cannot be a window the job sent, and it must not make the whole answer unreadable.
	 */
	static final class TimeWindowReader extends ValueDeserializer<TimeWindow> {

		@Override
		public TimeWindow deserialize(JsonParser parser, DeserializationContext context) {
			JsonNode node = context.readTree(parser);
			JsonNode start = node == null ? null : node.get("startTime");
			JsonNode end = node == null ? null : node.get("endTime");
			if (start == null || end == null || !start.canConvertToInt() || !end.canConvertToInt()) {
				return null;
			}
			try {
				return new TimeWindow(start.asInt(), end.asInt());
			}
			catch (IllegalArgumentException outOfRange) {
				return null;
			}
		}
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
