package dev.promobot.promotion;

import dev.promobot.rules.Service;

import java.util.List;
import java.util.Optional;

/**
 * How a person points at a request: by its id (a button), or by replying to its message and/or naming its
 * environment (a command).
 *
 * @param services the services the command may mean: the one it named, else those the chat can mean
 * @param named    the service the command named, if it named one
 */
public record RequestPointer(long chatId, Optional<Long> requestId, Optional<Long> replyTo,
                             Optional<String> environment, List<Service> services, Optional<String> named) {

    public static RequestPointer byId(long chatId, long requestId) {
        return new RequestPointer(chatId, Optional.of(requestId), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());
    }

    /**
     * @param named        the service the command named, if any
     * @param meantInChat  the services the chat can mean, searched when the command named none
     */
    public static RequestPointer byCommand(long chatId, Optional<Long> replyTo, Optional<String> environment,
                                           Optional<Service> named, List<Service> meantInChat) {
        return new RequestPointer(chatId, Optional.empty(), replyTo, environment,
                named.map(List::of).orElse(List.copyOf(meantInChat)), named.map(Service::name));
    }
}
