package dev.promobot.chat;

import dev.promobot.channel.ChannelPoster;
import dev.promobot.config.Settings;
import dev.promobot.promotion.FreezeAnnouncements;
import dev.promobot.promotion.Origin;
import dev.promobot.rules.Freeze;
import dev.promobot.rules.FreezeWindow;
import dev.promobot.rules.Image;
import dev.promobot.rules.Service;
import dev.promobot.telegram.Formats;
import dev.promobot.telegram.Messages;
import dev.promobot.telegram.Outbox;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The freeze and overrides of freeze windows, as the chat shows them: the freeze announced where it was declared
 * and pinned there, lifted and unpinned the same way, and each told to the channel. The wording is in
 * templates/ChatFreezeAnnouncements/.
 */
@ApplicationScoped
public class ChatFreezeAnnouncements implements FreezeAnnouncements {

    record frozen(String service, String by, String since, String reason, int votesToLift) implements TemplateInstance {
    }

    record unfrozen(String service, String frozenBy, String since, String reason, List<String> by)
            implements TemplateInstance {
    }

    record windowOverridden(String service, String environment, String tag, String digest, List<WindowView> windows,
                            String by, String reason) implements TemplateInstance {
    }

    record WindowView(String name, String until) {
    }

    private final Outbox outbox;
    private final ChannelPoster channel;
    private final Settings settings;

    ChatFreezeAnnouncements(Outbox outbox, ChannelPoster channel, Settings settings) {
        this.outbox = outbox;
        this.channel = channel;
        this.settings = settings;
    }

    @Override
    public long frozen(Optional<String> service, Freeze freeze, Origin origin) {
        String text = Messages.render(new frozen(service.orElse(""), freeze.frozenByName(),
                Formats.time(freeze.since(), settings.timeZone()), freeze.reason(), Freeze.VOTES_TO_LIFT));
        long message = outbox.send(origin.chatId(), text, Optional.of(origin.messageId()), Optional.empty());
        outbox.pin(message, origin.chatId());
        toChannelUnlessHere(text, origin);
        return message;
    }

    @Override
    public void unfrozen(Optional<String> service, Freeze freeze, List<String> by, Optional<Long> pinnedChatId,
                         Optional<Long> pinnedOutboxId, Origin origin) {
        String text = Messages.render(new unfrozen(service.orElse(""), freeze.frozenByName(),
                Formats.time(freeze.since(), settings.timeZone()), freeze.reason(), by));
        outbox.send(origin.chatId(), text, Optional.of(origin.messageId()), Optional.empty());
        pinnedOutboxId.ifPresent(id -> outbox.unpin(id, pinnedChatId.orElse(origin.chatId())));
        toChannelUnlessHere(text, origin);
    }

    @Override
    public void windowOverridden(Service service, String environment, Image image, List<FreezeWindow> windows,
                                 String by, String reason) {
        String named = settings.services().several() ? service.name() : "";
        channel.post(Messages.render(new windowOverridden(named, environment, image.label(), image.digest().shortForm(),
                windows.stream().map(window -> new WindowView(window.name(),
                        Formats.time(window.end(), settings.timeZone()))).toList(), by, reason)));
    }

    /** Where no channel is configured, the channel is the first team chat: it need not read the news twice. */
    private void toChannelUnlessHere(String text, Origin origin) {
        if (!settings.channelOrFirstChat().equals(Optional.of(origin.chatId()))) {
            channel.post(text);
        }
    }
}
