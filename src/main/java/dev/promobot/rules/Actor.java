package dev.promobot.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asks, identified by numeric Telegram user id, never by username (R12).
 *
 * @param role       empty when the user has no role in promobot
 * @param inTeamChat false when the command came from a chat that is not configured
 */
public record Actor(long userId, String name, Optional<Role> role, boolean inTeamChat) {

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
