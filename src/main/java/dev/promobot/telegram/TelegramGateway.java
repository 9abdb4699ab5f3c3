package dev.promobot.telegram;

import dev.promobot.config.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * promobot's side of the Bot API: the TelegramBots client, pointed at the configured base URL (Telegram, or an
 * emulator in tests and the sandbox).
 */
@ApplicationScoped
public class TelegramGateway {

    private final OkHttpClient http;
    private final TelegramClient client;
    private final TelegramUrl url;

    TelegramGateway(Settings settings) {
        this.url = telegramUrl(settings.telegramApiUrl());
        // Long polls hold a connection for up to 50 s; sends should fail fast and be retried by the outbox.
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20))
                .writeTimeout(Duration.ofSeconds(10))
                .build();
        this.client = new OkHttpTelegramClient(http, settings.telegramToken(), url);
    }

    public <T extends Serializable> T execute(BotApiMethod<T> method) throws TelegramApiException {
        return client.execute(method);
    }

    /** The base URL in the form TelegramBots takes it. */
    public TelegramUrl url() {
        return url;
    }

    static TelegramUrl telegramUrl(URI uri) {
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        return new TelegramUrl(uri.getScheme(), uri.getHost(), port, false);
    }

    @PreDestroy
    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
