package dev.promobot.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Telegram's HTML parse mode. Messages come from Qute's HTML templates, which escape every value put into them;
 * {@link #escape} is for the few plain-text answers, and {@link #split}/{@link #cut} keep a rendered message within
 * Telegram's length limit without breaking a tag or an entity.
 */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Splits a long message into parts of at most {@code max} characters, at line breaks where possible. A part
     * never ends inside an HTML tag or entity, and a {@code <pre>} block cut in two is closed and reopened.
     */
    static List<String> split(String html, int max) {
        List<String> parts = new ArrayList<>();
        String rest = html;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max - 6);
            if (cut < max / 2) {
                cut = safeCut(rest, max - 6);
            }
            String part = rest.substring(0, cut);
            rest = rest.substring(cut).stripLeading();
            if (openPre(part)) {
                part = part + "</pre>";
                rest = "<pre>" + rest;
            }
            parts.add(part);
        }
        parts.add(rest);
        return parts;
    }

    /** For edits, which cannot grow into two messages. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String part = text.substring(0, safeCut(text, max - 8));
        return (openPre(part) ? part + "</pre>" : part) + "…";
    }

    private static int safeCut(String text, int at) {
        int cut = Math.min(at, text.length());
        int tag = text.lastIndexOf('<', cut - 1);
        if (tag >= 0 && text.indexOf('>', tag) >= cut) {
            cut = tag;
        }
        int entity = text.lastIndexOf('&', cut - 1);
        if (entity >= 0 && text.indexOf(';', entity) >= cut) {
            cut = entity;
        }
        return Math.max(cut, 1);
    }

    private static boolean openPre(String part) {
        return part.lastIndexOf("<pre>") > part.lastIndexOf("</pre>");
    }
}
