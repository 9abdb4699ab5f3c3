package dev.promobot.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON the AWS stand-in's services read and write: streamed out, so large listings stay cheap. */
final class StandInJson {

    /** Writes the fields of one JSON object. */
    @FunctionalInterface
    interface JsonBody {
        void writeTo(JsonGenerator out) throws IOException;
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private StandInJson() {
    }

    /** One JSON object, its fields written by {@code body}. */
    static byte[] write(JsonBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            out.writeStartObject();
            body.writeTo(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A field's text, or null when the node or the field is missing or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
