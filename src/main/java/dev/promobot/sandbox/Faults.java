package dev.promobot.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Failures planned by a test, served in the order they were planned, one per call of the method. */
final class Faults {

    private final Map<String, Deque<BotApiException>> planned = new HashMap<>();

    synchronized void plan(String method, BotApiException failure, int times) {
        Deque<BotApiException> queue = planned.computeIfAbsent(key(method), ignored -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(failure);
        }
    }

    /** Failures for the method's calls to one chat only, as Telegram's per-chat limits answer. */
    synchronized void planForChat(String method, long chatId, BotApiException failure, int times) {
        plan(method + "@" + chatId, failure, times);
    }

    /** @param chatId the call's chat_id, when it names one */
    synchronized void failIfPlanned(String method, String chatId) {
        for (String key : List.of(key(method) + "@" + chatId, key(method))) {
            Deque<BotApiException> queue = planned.get(key);
            if (queue != null && !queue.isEmpty()) {
                throw queue.poll();
            }
        }
    }

    synchronized void clear() {
        planned.clear();
    }

    private static String key(String method) {
        return method.toLowerCase(Locale.ROOT);
    }
}
