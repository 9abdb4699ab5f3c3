package dev.promobot.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's sending limits, kept by the one sender: about one message a second per chat, 20 a minute per group,
 * 30 a second overall, and any pause Telegram asked for with a 429's retry_after. Not thread-safe: only the
 * sender uses it.
 */
final class RateLimits {

    static final Duration PER_CHAT = Duration.ofSeconds(1);
    static final int GROUP_PER_MINUTE = 20;
    static final int OVERALL_PER_SECOND = 30;

    private final Map<Long, Instant> lastPerChat = new HashMap<>();
    private final Map<Long, Deque<Instant>> groupWindows = new HashMap<>();
    private final Deque<Instant> overall = new ArrayDeque<>();
    private final Map<Long, Instant> pausedUntil = new HashMap<>();

    /** The earliest moment a message may go to this chat; {@code now} or earlier means at once. */
    Instant nextAllowed(long chatId, Instant now) {
        Instant next = now;
        next = later(next, pausedUntil.get(chatId));
        Instant last = lastPerChat.get(chatId);
        if (last != null) {
            next = later(next, last.plus(PER_CHAT));
        }
        if (isGroup(chatId)) {
            Deque<Instant> window = prune(groupWindows.computeIfAbsent(chatId, id -> new ArrayDeque<>()), now,
                    Duration.ofMinutes(1));
            if (window.size() >= GROUP_PER_MINUTE) {
                next = later(next, window.peekFirst().plus(Duration.ofMinutes(1)));
            }
        }
        prune(overall, now, Duration.ofSeconds(1));
        if (overall.size() >= OVERALL_PER_SECOND) {
            next = later(next, overall.peekFirst().plusSeconds(1));
        }
        return next;
    }

    void sent(long chatId, Instant at) {
        lastPerChat.put(chatId, at);
        if (isGroup(chatId)) {
            groupWindows.computeIfAbsent(chatId, id -> new ArrayDeque<>()).addLast(at);
        }
        overall.addLast(at);
    }

    /** Telegram said 429 with retry_after: nothing goes to that chat before then. */
    void pause(long chatId, Instant until) {
        pausedUntil.merge(chatId, until, RateLimits::later);
    }

    /** Group and channel ids are negative; users' private chats positive. */
    private static boolean isGroup(long chatId) {
        return chatId < 0;
    }

    private static Deque<Instant> prune(Deque<Instant> window, Instant now, Duration span) {
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(span))) {
            window.pollFirst();
        }
        return window;
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
