package dev.promobot.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a Bot API call into one JSON object, whichever way the parameters came: the query string,
 * a JSON body (what OkHttpTelegramClient sends for every BotApiMethod), a form body, or multipart
 * (what it sends for uploads). In form and multipart bodies, objects arrive as JSON text.
 */
final class RequestParameters {

    private static final Set<String> JSON_VALUED = Set.of(
            "reply_markup", "reply_parameters", "commands", "allowed_updates", "scope",
            "link_preview_options", "entities", "caption_entities", "media");

    private RequestParameters() {
    }

    static ObjectNode parse(ObjectMapper json, String rawQuery, String contentType, byte[] body) {
        ObjectNode params = json.createObjectNode();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            putForm(json, params, rawQuery);
        }
        if (body.length == 0) {
            return params;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            putMultipart(json, params, contentType, body);
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            putForm(json, params, new String(body, StandardCharsets.UTF_8));
        } else {
            putJson(json, params, body);
        }
        return params;
    }

    private static void putJson(ObjectMapper json, ObjectNode params, byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (java.io.IOException e) {
            throw BotApiException.badRequest("can't parse JSON object");
        }
        if (tree == null || tree.isMissingNode()) {
            return;
        }
        if (!tree.isObject()) {
            throw BotApiException.badRequest("JSON object expected");
        }
        params.setAll((ObjectNode) tree);
    }

    private static void putForm(ObjectMapper json, ObjectNode params, String form) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.set(name, textOrJson(json, name, value));
        }
    }

    private static void putMultipart(ObjectMapper json, ObjectNode params, String contentType, byte[] body) {
        String boundary = boundary(contentType);
        // ISO-8859-1 maps bytes one to one, so part boundaries can be found without decoding.
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = raw.indexOf(delimiter);
        while (at >= 0) {
            int partStart = at + delimiter.length();
            if (raw.startsWith("--", partStart)) {
                return;
            }
            int next = raw.indexOf("\r\n" + delimiter, partStart);
            if (next < 0) {
                return;
            }
            String part = raw.substring(partStart, next);
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd >= 0) {
                String headers = part.substring(0, headersEnd);
                String name = dispositionName(headers);
                boolean file = headers.toLowerCase(Locale.ROOT).contains("filename=");
                if (name != null && !file) {
                    String value = new String(part.substring(headersEnd + 4).getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8);
                    params.set(name, textOrJson(json, name, value));
                } else if (name != null) {
                    params.put(name, "<file>");
                }
            }
            at = next + 2;
        }
    }

    private static String boundary(String contentType) {
        for (String piece : contentType.split(";")) {
            String trimmed = piece.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = trimmed.substring("boundary=".length());
                return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        throw BotApiException.badRequest("multipart boundary missing");
    }

    private static String dispositionName(String headers) {
        int at = headers.indexOf("name=\"");
        while (at > 0 && Character.isLetter(headers.charAt(at - 1))) {
            at = headers.indexOf("name=\"", at + 1);
        }
        if (at < 0) {
            return null;
        }
        int end = headers.indexOf('"', at + 6);
        return end < 0 ? null : headers.substring(at + 6, end);
    }

    private static JsonNode textOrJson(ObjectMapper json, String name, String value) {
        if (JSON_VALUED.contains(name)) {
            try {
                return json.readTree(value);
            } catch (JsonProcessingException notJson) {
                return json.getNodeFactory().textNode(value);
            }
        }
        return json.getNodeFactory().textNode(value);
    }
}
