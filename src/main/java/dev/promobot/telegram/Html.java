package dev.promobot.telegram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
     * never ends inside a tag or an entity, and every element open where a part ends ({@code <code>}, {@code <b>},
     * {@code <a href>}, ...) is closed at its end and opened again, with the same attributes, at the start of the
     * next: each part is valid Telegram HTML on its own.
     */
    static List<String> split(String html, int max) {
        List<String> parts = new ArrayList<>();
        String rest = html;
        while (rest.length() > max) {
            Cut cut = cutWithin(rest, max, 0);
            parts.add(rest.substring(0, cut.at()) + cut.closing());
            String next = rest.substring(cut.at());
            next = next.startsWith("\n") ? next.substring(1) : next;
            rest = cut.reopening() + next;
        }
        parts.add(rest);
        return parts;
    }

    /** For edits, which cannot grow into two messages: cut, its open elements closed, and an ellipsis. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        Cut cut = cutWithin(text, max, 1);
        return text.substring(0, cut.at()) + "…" + cut.closing();
    }

    /** Where to cut, and the tags that close the elements open there and open them again. */
    private record Cut(int at, String closing, String reopening) {
    }

    /**
     * A cut no later than {@code max} minus what closing the elements open there takes (and {@code spare}), at a
     * line break in the second half where there is one.
     */
    private static Cut cutWithin(String text, int max, int spare) {
        int budget = max - spare;
        while (true) {
            int at = text.lastIndexOf('\n', budget);
            if (at < budget / 2) {
                at = safeCut(text, budget);
            }
            Deque<String> open = openElementsAt(text, at);
            StringBuilder closing = new StringBuilder();
            StringBuilder reopening = new StringBuilder();
            open.forEach(start -> closing.append("</").append(nameOf(start)).append('>'));
            open.descendingIterator().forEachRemaining(reopening::append);
            if (at + closing.length() + spare <= max || budget <= 1) {
                return new Cut(at, closing.toString(), reopening.toString());
            }
            budget = max - spare - closing.length();
        }
    }

    /** The start tags of the elements open at {@code position}, innermost first. */
    private static Deque<String> openElementsAt(String html, int position) {
        Deque<String> open = new ArrayDeque<>();
        int i = html.indexOf('<');
        while (i >= 0 && i < position) {
            int close = html.indexOf('>', i);
            if (close < 0 || close >= position) {
                break;
            }
            if (html.charAt(i + 1) == '/') {
                open.poll();
            } else {
                open.push(html.substring(i, close + 1));
            }
            i = html.indexOf('<', close);
        }
        return open;
    }

    /** {@code <a href="...">} to {@code a}. */
    private static String nameOf(String startTag) {
        int end = 1;
        while (end < startTag.length() && (Character.isLetterOrDigit(startTag.charAt(end))
                || startTag.charAt(end) == '-')) {
            end++;
        }
        return startTag.substring(1, end);
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
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never between the two halves of an emoji
        }
        return Math.max(cut, 1);
    }
}
