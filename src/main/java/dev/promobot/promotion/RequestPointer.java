package dev.promobot.promotion;

import dev.promobot.rules.Service;

import java.util.List;
import java.util.Optional;

/**
 * How a person points at a request: by its id (a button), or by replying to its message and/or naming its
 * environment (a command).
 *
 * @param services the services the command may mean: the one it named, else those the chat can mean
 */
public record RequestPointer(long chatId, Optional<Long> requestId, Optional<Long> replyTo,
                             Optional<String> environment, List<Service> services) {

    public static RequestPointer byId(long chatId, long requestId) {
        return new RequestPointer(chatId, Optional.of(requestId), Optional.empty(), Optional.empty(), List.of());
    }

    public static RequestPointer byCommand(long chatId, Optional<Long> replyTo, Optional<String> environment,
                                           List<Service> services) {
        return new RequestPointer(chatId, Optional.empty(), replyTo, environment, List.copyOf(services));
    }
}
