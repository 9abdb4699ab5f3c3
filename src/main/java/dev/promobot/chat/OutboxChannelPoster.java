package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.summary.ChannelPoster;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The channel is promobot.telegram.channel, else the first team chat; messages go through the outbox. */
@ApplicationScoped
public class OutboxChannelPoster implements ChannelPoster {

    private final Outbox outbox;
    private final Settings settings;

    OutboxChannelPoster(Outbox outbox, Settings settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    @Override
    public boolean post(String html) {
        Optional<Long> chat = settings.channel().or(() -> settings.chats().stream().findFirst());
        chat.ifPresent(id -> outbox.send(id, html, Optional.empty(), Optional.empty()));
        return chat.isPresent();
    }
}
