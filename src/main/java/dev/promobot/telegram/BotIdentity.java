package dev.promobot.telegram;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The bot's own username, learnt from getMe at start-up; "/cmd@ThatName" is for promobot. */
@ApplicationScoped
public class BotIdentity {

    private final CountDownLatch known = new CountDownLatch(1);
    private volatile String username = "";

    void learnt(String username) {
        this.username = username == null ? "" : username;
        known.countDown();
    }

    /** Waits briefly for getMe at start-up; commands addressed by name wait on it, plain ones do not care. */
    public String username() {
        try {
            known.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return username;
    }
}
