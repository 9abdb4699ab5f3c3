package dev.promobot.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
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

    synchronized void failIfPlanned(String method) {
        Deque<BotApiException> queue = planned.get(key(method));
        if (queue != null && !queue.isEmpty()) {
            throw queue.poll();
        }
    }

    synchronized void clear() {
        planned.clear();
    }

    private static String key(String method) {
        return method.toLowerCase(Locale.ROOT);
    }
}
