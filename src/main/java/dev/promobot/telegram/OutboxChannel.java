package dev.promobot.telegram;

import dev.promobot.channel.ChannelPoster;
import dev.promobot.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The channel is promobot.telegram.channel, else the first team chat; messages go through the outbox. */
@ApplicationScoped
public class OutboxChannel implements ChannelPoster {

    private final Outbox outbox;
    private final Settings settings;

    OutboxChannel(Outbox outbox, Settings settings) {
        this.outbox = outbox;
        this.settings = settings;
    }

    @Override
    public boolean post(String html) {
        Optional<Long> chat = settings.channelOrFirstChat();
        chat.ifPresent(id -> outbox.send(id, html, Optional.empty(), Optional.empty()));
        return chat.isPresent();
    }
}
