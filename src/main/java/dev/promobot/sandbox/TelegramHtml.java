package dev.promobot.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * Reads text sent with {@code parse_mode=HTML} the way Telegram does: only its small tag set is
 * allowed, every tag must be closed, and a stray {@code <} is an error. This is what makes a
 * forgotten escape of outside data fail in tests instead of in the group chat.
 */
public final class TelegramHtml {

    private static final Set<String> TAGS = Set.of(
            "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
            "a", "tg-emoji", "code", "pre", "blockquote");

    private TelegramHtml() {
    }

    /** Returns the text a reader sees, or throws the 400 Telegram would answer. */
    public static String toPlainText(String html) {
        StringBuilder plain = new StringBuilder(html.length());
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '&') {
                i = appendEntity(html, i, plain);
            } else if (c == '<') {
                i = readTag(html, i, open);
            } else {
                plain.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw cannotParse("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return plain.toString();
    }

    private static int readTag(String html, int start, Deque<String> open) {
        int close = html.indexOf('>', start);
        if (close < 0) {
            throw cannotParse("Unclosed start tag at byte offset " + byteOffset(html, start));
        }
        boolean endTag = start + 1 < html.length() && html.charAt(start + 1) == '/';
        int nameStart = start + (endTag ? 2 : 1);
        int nameEnd = nameStart;
        while (nameEnd < close && (Character.isLetterOrDigit(html.charAt(nameEnd)) || html.charAt(nameEnd) == '-')) {
            nameEnd++;
        }
        String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
        if (endTag) {
            if (open.isEmpty()) {
                throw cannotParse("Unexpected end tag at byte offset " + byteOffset(html, start));
            }
            if (!name.isEmpty() && !name.equals(open.peek())) {
                throw cannotParse("Unmatched end tag at byte offset " + byteOffset(html, start)
                        + ", expected \"</" + open.peek() + ">\", found \"</" + name + ">\"");
            }
            open.pop();
        } else {
            if (name.isEmpty()) {
                throw cannotParse("Unsupported start tag \"\" at byte offset " + byteOffset(html, start));
            }
            if (!TAGS.contains(name)) {
                throw cannotParse("Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(html, start));
            }
            if (name.equals("span") && !html.substring(nameEnd, close).contains("tg-spoiler")) {
                throw cannotParse("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + byteOffset(html, start));
            }
            open.push(name);
        }
        return close + 1;
    }

    /** Unknown entities stay literal text, as Telegram keeps them. */
    private static int appendEntity(String html, int start, StringBuilder plain) {
        int semicolon = html.indexOf(';', start);
        if (semicolon > start + 1 && semicolon - start <= 10) {
            String name = html.substring(start + 1, semicolon);
            int decoded = decode(name);
            if (decoded >= 0 && Character.isValidCodePoint(decoded)) {
                plain.appendCodePoint(decoded);
                return semicolon + 1;
            }
        }
        plain.append('&');
        return start + 1;
    }

    private static int decode(String name) {
        switch (name) {
            case "lt":
                return '<';
            case "gt":
                return '>';
            case "amp":
                return '&';
            case "quot":
                return '"';
            default:
                break;
        }
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Integer.parseInt(name.substring(2), 16);
            }
            if (name.startsWith("#")) {
                return Integer.parseInt(name.substring(1));
            }
        } catch (NumberFormatException notANumber) {
            return -1;
        }
        return -1;
    }

    private static int byteOffset(String text, int charIndex) {
        return text.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    private static BotApiException cannotParse(String detail) {
        return BotApiException.badRequest("can't parse entities: " + detail);
    }
}
