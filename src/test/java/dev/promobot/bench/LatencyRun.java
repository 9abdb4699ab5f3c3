package dev.promobot.bench;

import dev.promobot.sandbox.SentMessage;
import dev.promobot.sandbox.TelegramStandIn;
import dev.promobot.sandbox.User;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends a command at a steady rate from users in turn, in their private chats, and measures each command's time
 * to promobot's reply as the Telegram stand-in sees it. How an update reaches promobot (long polling, or a
 * webhook call) is the caller's: {@code deliver} runs for each message the user sent.
 */
final class LatencyRun {

    /**
     * Warm-up commands per user before measuring ({@code -Dbench.warm-up-rounds=n}): 30 rounds of 40 users, as many
     * commands as the measured minute holds. A replica that serves a team has long compiled its hot code (its
     * scheduled jobs alone run the AWS, JDBC and HTTP paths all day); after only 3 rounds the replicas were still
     * compiling and spent about 40 % more CPU per command.
     */
    static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warm-up-rounds", 30);

    private final TelegramStandIn telegram;
    private final List<User> users;
    private final Consumer<SentMessage> deliver;

    LatencyRun(TelegramStandIn telegram, List<User> users, Consumer<SentMessage> deliver) {
        this.telegram = telegram;
        this.users = users;
        this.deliver = deliver;
    }

    /** Each user sends {@code text} {@code rounds} times, one command at a time, each awaiting its reply. */
    void warmUp(String text, int rounds) throws InterruptedException {
        // Generous: two minutes to start answering, then 0.2 s a command, where a warm replica takes 0.02 s.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + 2L * rounds * users.size() / 10);
        for (int round = 0; round < rounds; round++) {
            for (User user : users) {
                SentMessage sent = telegram.userSends(user.id(), "private", user, text);
                deliver.accept(sent);
                while (reply(sent).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("promobot did not answer during warm-up");
                    }
                    Thread.sleep(5);
                }
            }
        }
    }

    /** Latencies in nanoseconds of {@code perSecond * seconds} commands, sent {@code perSecond} a second. */
    List<Long> measure(String text, int perSecond, int seconds) throws InterruptedException {
        Map<SentMessage, Long> outstanding = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        // Each change in the stand-in is checked against the commands still waiting for a reply.
        var subscription = telegram.onChange(() -> {
            long now = System.nanoTime();
            outstanding.forEach((sent, at) -> {
                if (reply(sent).isPresent() && outstanding.remove(sent) != null) {
                    latencies.add(now - at);
                }
            });
        });
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        int total = perSecond * seconds;
        int[] next = {0};
        clock.scheduleAtFixedRate(() -> {
            if (next[0] < total) {
                User user = users.get(next[0]++ % users.size());
                long at = System.nanoTime();
                SentMessage sent = telegram.userSends(user.id(), "private", user, text);
                outstanding.put(sent, at);
                deliver.accept(sent);
            }
        }, 0, 1000 / perSecond, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30);
        while ((next[0] < total || !outstanding.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        clock.shutdownNow();
        subscription.close();
        if (!outstanding.isEmpty()) {
            System.out.println("unanswered: " + outstanding.size());
        }
        return latencies;
    }

    Optional<SentMessage> reply(SentMessage sent) {
        return telegram.botMessages(sent.chatId()).stream()
                .filter(message -> message.replyToMessageId().equals(Optional.of(sent.messageId()))).findFirst();
    }

    /** Prints p50, p99 and max against the targets. */
    static void report(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf("%s: %d replies%n", what, sorted.size());
        System.out.printf("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (targets: p50 <= 15, p99 <= 60)%n",
                ms(sorted, 0.50), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }
}
