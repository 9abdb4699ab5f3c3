package dev.promobot.promotion;

import java.util.Optional;

/**
 * How a person points at a request: by its id (a button), or by replying to its message and/or naming its
 * environment (a command).
 */
public record RequestPointer(long chatId, Optional<Long> requestId, Optional<Long> replyTo,
                             Optional<String> environment) {

    public static RequestPointer byId(long chatId, long requestId) {
        return new RequestPointer(chatId, Optional.of(requestId), Optional.empty(), Optional.empty());
    }

    public static RequestPointer byCommand(long chatId, Optional<Long> replyTo, Optional<String> environment) {
        return new RequestPointer(chatId, Optional.empty(), replyTo, environment);
    }
}
